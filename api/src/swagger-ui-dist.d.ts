declare module 'swagger-ui-dist' {
  /** Folder with the Swagger UI files. */
  export function getAbsoluteFSPath(): string;
}
