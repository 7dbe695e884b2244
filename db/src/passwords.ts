import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline (19 MiB, 2 iterations, 1 lane): strong, and fast
// enough that a login on the 2-core reference machine stays well under 100 ms.
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Minimum rules for a password chosen by a person; the check lives here so the CLI and the API agree. */
export function passwordProblem(password: string): string | null {
  if (password.length < 12) return 'Das Passwort muss mindestens 12 Zeichen lang sein.';
  if (password.length > 200) return 'Das Passwort darf höchstens 200 Zeichen lang sein.';
  return null;
}
