import type { ExportFormat } from '../lib/api-client';
import './export-links.css';

/**
 * "Exportieren" beside a table or chart: the same request as the page (same
 * region, same date) as CSV for German Excel or as XLSX. Plain links: the
 * browser sends the session cookie where one is needed and saves the file.
 */
export function ExportLinks({
  what,
  href,
  label = 'Exportieren:',
}: {
  /** What is exported, for the links' accessible names ("Kreise als CSV exportieren"). */
  what: string;
  href: (format: ExportFormat) => string;
  /** Visible lead, e.g. the Regierungsbezirk where one table is exported in parts. */
  label?: string;
}) {
  return (
    <div className="export-links">
      <span aria-hidden="true">{label}</span>
      <a
        className="button export-link"
        href={href('csv')}
        download
        aria-label={`${what} als CSV exportieren`}
      >
        CSV
      </a>
      <a
        className="button export-link"
        href={href('xlsx')}
        download
        aria-label={`${what} als Excel-Datei exportieren`}
      >
        Excel
      </a>
    </div>
  );
}
