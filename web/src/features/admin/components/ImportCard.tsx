import { ImportProblemSchema, type ImportResult } from '@ozg/shared';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { ApiError, errorDetails } from '../../../lib/api-client';
import { formatNumber } from '../../../lib/format';
import { type UploadProgress, uploadFile } from '../api/upload-file';

export type UploadRequest = Omit<Parameters<typeof uploadFile>[0], 'onProgress'>;

/**
 * One official file (or pair of files) to upload: the form fields, a progress
 * bar while it is sent and imported, then the importer's summary or its error
 * with file, line and column.
 */
export function ImportCard({
  title,
  description,
  submitLabel,
  children,
  buildRequest,
  onImported,
}: {
  title: string;
  description: React.ReactNode;
  submitLabel: string;
  children: React.ReactNode;
  /** Reads the form; returns the request or a German message saying what is missing. */
  buildRequest: (form: FormData) => UploadRequest | string;
  onImported?: (result: ImportResult) => void;
}) {
  const headingId = useId();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: (request: UploadRequest) => uploadFile({ ...request, onProgress: setProgress }),
    onSuccess: (result) => onImported?.(result),
    onSettled: () => setProgress(null),
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const request = buildRequest(new FormData(event.currentTarget));
    if (typeof request === 'string') {
      setFormProblem(request);
      return;
    }
    setFormProblem(null);
    upload.mutate(request);
  };

  return (
    <section className="panel import-card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <div className="hint">{description}</div>
      <form className="form" onSubmit={submit} noValidate>
        {children}
        <button type="submit" className="button button-primary" disabled={upload.isPending}>
          {upload.isPending ? 'Wird übertragen …' : submitLabel}
        </button>
      </form>
      {formProblem ? (
        <p className="form-error" role="alert">
          {formProblem}
        </p>
      ) : null}
      {upload.isPending ? <UploadProgressBar progress={progress} /> : null}
      {upload.isError ? <ImportFailure error={upload.error} /> : null}
      {upload.isSuccess ? (
        <div className="import-success" role="status">
          <p className="import-success-title">Import abgeschlossen</p>
          <ul>
            {upload.data.summary.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function UploadProgressBar({ progress }: { progress: UploadProgress | null }) {
  let label: string;
  let value: number | null;
  if (progress === null || progress.phase === 'upload') {
    value = progress?.share ?? 0;
    label = `Datei wird hochgeladen: ${formatNumber(Math.round(value * 100))} %`;
  } else if ('done' in progress && progress.total > 1) {
    value = progress.done / progress.total;
    label = `Import läuft (${progress.stage}): ${formatNumber(progress.done)} von ${formatNumber(progress.total)}`;
  } else {
    value = null;
    label = 'Datei übertragen, wird geprüft und importiert …';
  }
  return (
    <div className="upload-progress" role="status" aria-live="polite">
      <span>{label}</span>
      {/* Without a value the bar is indeterminate: the file is being checked before the importer counts. */}
      {value === null ? (
        <progress aria-label={label} />
      ) : (
        <progress max={1} value={value} aria-label={label} />
      )}
    </div>
  );
}

function ImportFailure({ error }: { error: unknown }) {
  const message = error instanceof ApiError ? error.message : 'Der Import ist fehlgeschlagen.';
  const problem = errorDetails(error, 422, ImportProblemSchema);
  return (
    <div className="import-failure" role="alert">
      <p className="import-failure-title">Nicht übernommen – es wurde nichts geändert.</p>
      {problem ? (
        <dl className="import-problem">
          <dt>Datei</dt>
          <dd className="mono">{problem.file}</dd>
          {problem.sheet ? (
            <>
              <dt>Tabellenblatt</dt>
              <dd>{problem.sheet}</dd>
            </>
          ) : null}
          {problem.line !== null ? (
            <>
              <dt>Zeile</dt>
              <dd>{formatNumber(problem.line)}</dd>
            </>
          ) : null}
          {problem.column ? (
            <>
              <dt>Stelle</dt>
              <dd>{problem.column}</dd>
            </>
          ) : null}
          <dt>Problem</dt>
          <dd>{problem.problem}</dd>
        </dl>
      ) : (
        <p>{message}</p>
      )}
    </div>
  );
}
