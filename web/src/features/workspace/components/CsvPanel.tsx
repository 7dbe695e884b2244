import {
  type CsvImportResult,
  CsvImportResultSchema,
  type CsvLineResult,
  ExpectedDetailsSchema,
} from '@ozg/shared';
import { type ChangeEvent, useId, useRef, useState } from 'react';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { errorDetails } from '../../../lib/api-client';
import { errorMessage } from '../../../lib/api-errors';
import { formatCount, formatNumber } from '../../../lib/format';
import { statusesCsvUrl, useCsvImport } from '../api/status-csv';
import { displayValue, FIELD_LABELS } from '../status-fields';

const OUTCOME_LABELS: Record<CsvLineResult['outcome'], string> = {
  changed: 'wird geändert',
  unchanged: 'unverändert',
  error: 'Fehler',
  conflict: 'Konflikt',
};

const LOWERED_LABELS: Record<NonNullable<CsvLineResult['lowers']>[number], string> = {
  maturityLevel: 'Reifegrad sinkt',
  onlineSince: '„online seit“ wird verschoben oder gelöscht',
  criteria: 'ein Kriterium wird niedriger bewertet',
};

/** What a failed upload carries: the per-line result of a refused commit, or the expected columns. */
function resultOf(error: unknown): CsvImportResult | null {
  return errorDetails(error, 422, CsvImportResultSchema);
}

/** A header the API refused (400) names the columns it knows. */
function expectedColumns(error: unknown): string[] | null {
  return errorDetails(error, 400, ExpectedDetailsSchema)?.expected ?? null;
}

/**
 * CSV round trip: download the statuses, edit them in a spreadsheet, upload
 * the file. The upload is checked first (dry run: a result per line); only a
 * file without errors and conflicts can be committed, all lines at once.
 */
export function CsvPanel({
  regionKey,
  onCommitted,
}: {
  regionKey: string;
  onCommitted: (message: string) => void;
}) {
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [showUnchanged, setShowUnchanged] = useState(false);
  const [loweringConfirmed, setLoweringConfirmed] = useState(false);
  const check = useCsvImport(regionKey);
  const commit = useCsvImport(regionKey);

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    if (!chosen) return;
    setFile(chosen);
    setLoweringConfirmed(false);
    commit.reset();
    check.mutate({ file: chosen, mode: 'dry-run' });
  };

  const reset = () => {
    setFile(null);
    setLoweringConfirmed(false);
    check.reset();
    commit.reset();
    if (inputRef.current) inputRef.current.value = '';
  };

  const preview = resultOf(commit.error) ?? check.data ?? null;
  const lines = preview?.lines.filter((line) => showUnchanged || line.outcome !== 'unchanged') ?? [];
  const blocked = preview ? preview.summary.errors + preview.summary.conflicts > 0 : true;
  const lowering = preview?.summary.lowering ?? 0;
  const checkError = check.isError ? check.error : null;
  const columns = expectedColumns(checkError);

  return (
    <section className="panel csv-panel" aria-labelledby="csv-title">
      <h2 id="csv-title">CSV-Austausch</h2>
      <p className="hint">
        Laden Sie die Leistungen herunter, bearbeiten Sie sie in einer Tabellenkalkulation und laden Sie die
        Datei wieder hoch. Vor dem Übernehmen sehen Sie für jede Zeile, was sich ändert und was nicht passt.
      </p>
      <div className="csv-actions">
        <a className="button" href={statusesCsvUrl(regionKey, 'excel')} download>
          CSV herunterladen (Excel)
        </a>
        <a className="button" href={statusesCsvUrl(regionKey, 'plain')} download>
          CSV herunterladen (Komma-getrennt)
        </a>
        <div className="field csv-upload">
          <label htmlFor={inputId}>Bearbeitete CSV-Datei prüfen</label>
          <input
            id={inputId}
            ref={inputRef}
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => void choose(e)}
          />
        </div>
      </div>

      {check.isPending ? (
        <p className="state" role="status">
          Die Datei {file?.name} wird geprüft …
        </p>
      ) : null}
      {checkError ? (
        <div className="form-error" role="alert">
          <p>
            {file?.name}: {errorMessage(checkError)}
          </p>
          {columns ? <p>Erwartete Spalten: {columns.join(', ')}</p> : null}
        </div>
      ) : null}

      {preview && file ? (
        <div className="csv-preview">
          <h3>Prüfergebnis für {file.name}</h3>
          <ul className="csv-summary" aria-label="Zusammenfassung">
            <li className="outcome outcome-changed">
              {formatNumber(preview.summary.changed)} {preview.summary.changed === 1 ? 'wird' : 'werden'}{' '}
              geändert
            </li>
            <li className="outcome outcome-unchanged">
              {formatNumber(preview.summary.unchanged)} unverändert
            </li>
            <li className="outcome outcome-error">{formatNumber(preview.summary.errors)} mit Fehlern</li>
            <li className="outcome outcome-conflict">
              {formatCount(preview.summary.conflicts, 'Konflikt', 'Konflikte')}
            </li>
            {lowering > 0 ? (
              <li className="outcome outcome-lowering">
                {formatNumber(lowering)} {lowering === 1 ? 'senkt' : 'senken'} einen Stand
              </li>
            ) : null}
          </ul>
          {commit.isSuccess ? null : blocked ? (
            <p className="form-error" role="alert">
              Nichts wurde übernommen. Korrigieren Sie die markierten Zeilen in der Datei (bei Konflikten: neu
              herunterladen und die Änderung dort eintragen) und prüfen Sie die Datei erneut.
            </p>
          ) : preview.summary.changed === 0 ? (
            <p role="status">Die Datei enthält keine Änderungen.</p>
          ) : (
            <p role="status">Die Datei ist fehlerfrei. Übernehmen Sie die Änderungen, wenn sie stimmen.</p>
          )}
          <label className="checkbox">
            <input
              type="checkbox"
              checked={showUnchanged}
              onChange={(e) => setShowUnchanged(e.target.checked)}
            />
            Auch unveränderte Zeilen zeigen
          </label>
          {lines.length > 0 ? (
            <ScrollableTable label="Tabelle Ergebnis je Zeile">
              <table className="data-table csv-lines">
                <caption className="visually-hidden">Ergebnis je Zeile der Datei {file.name}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="numeric">
                      Zeile
                    </th>
                    <th scope="col">OZG-ID</th>
                    <th scope="col">Ergebnis</th>
                    <th scope="col">Änderungen und Hinweise</th>
                  </tr>
                </thead>
                <tbody>
                  {lines.map((line) => (
                    <tr
                      key={line.line}
                      className={`row-${line.outcome}${line.lowers ? ' row-lowering' : ''}`}
                    >
                      <td className="numeric">{line.line}</td>
                      <td className="mono">{line.ozgId ?? '–'}</td>
                      <td>
                        <span className={`outcome outcome-${line.outcome}`}>
                          {OUTCOME_LABELS[line.outcome]}
                        </span>
                      </td>
                      <td>
                        <ul className="line-details">
                          {Object.entries(line.changes ?? {}).map(([field, change]) => (
                            <li key={field}>
                              {FIELD_LABELS[field as keyof typeof FIELD_LABELS] ?? field}:{' '}
                              {displayValue(field, change.from)} → {displayValue(field, change.to)}
                            </li>
                          ))}
                          {(line.lowers ?? []).map((what) => (
                            <li key={what} className="line-lowering">
                              Achtung: {LOWERED_LABELS[what]}
                            </li>
                          ))}
                          {(line.errors ?? []).map((problem) => (
                            <li key={`${problem.column}-${problem.message}`} className="line-error">
                              {problem.column ? `Spalte ${problem.column}: ` : ''}
                              {problem.message}
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollableTable>
          ) : null}
          {commit.isSuccess || blocked || lowering === 0 ? null : (
            <div className="lowering-confirm">
              <p id="csv-lowering">
                {lowering === 1 ? '1 Zeile senkt' : `${formatNumber(lowering)} Zeilen senken`} einen Reifegrad
                oder ein Kriterium oder ändern „online seit“ (in der Tabelle mit „Achtung“ markiert). Stammt
                die Datei aus einem älteren Export, laden Sie sie besser neu herunter.
              </p>
              <label className="checkbox">
                <input
                  type="checkbox"
                  aria-describedby="csv-lowering"
                  checked={loweringConfirmed}
                  onChange={(e) => setLoweringConfirmed(e.target.checked)}
                />
                Ja, diese Leistungen sollen so gesenkt werden
              </label>
            </div>
          )}
          {commit.isSuccess ? null : (
            <div className="form-actions">
              <button
                type="button"
                className="button button-primary"
                disabled={
                  blocked ||
                  preview.summary.changed === 0 ||
                  (lowering > 0 && !loweringConfirmed) ||
                  commit.isPending
                }
                onClick={() =>
                  commit.mutate(
                    { file, mode: 'commit', lowering: loweringConfirmed ? 'allow' : 'refuse' },
                    {
                      onSuccess: (result) => {
                        onCommitted(
                          `${formatCount(result.summary.changed, 'Leistung', 'Leistungen')} aus ${file.name} übernommen.`,
                        );
                        reset();
                      },
                    },
                  )
                }
              >
                {commit.isPending
                  ? 'Wird übernommen …'
                  : `${formatCount(preview.summary.changed, 'Änderung', 'Änderungen')} übernehmen`}
              </button>
              <button type="button" className="button" onClick={reset}>
                Verwerfen
              </button>
            </div>
          )}
          {commit.isError && !resultOf(commit.error) ? (
            <p className="form-error" role="alert">
              {errorMessage(commit.error)}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
