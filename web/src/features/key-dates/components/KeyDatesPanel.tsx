import type { KeyDate, KeyDateRow } from '@ozg/shared';
import { useState } from 'react';
import { ScrollableTable } from '../../../components/ScrollableTable';
import { ErrorState, Loading } from '../../../components/States';
import { Tiles } from '../../../components/Tiles';
import {
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercentagePoints,
  formatShare,
} from '../../../lib/format';
import { useMe } from '../../../lib/queries/me';
import {
  keyDateChangeFileUrl,
  keyDateFileUrl,
  useKeyDateChange,
  useKeyDateReport,
  useKeyDates,
} from '../api/get-key-dates';
import { correctionText } from '../key-date-model';
import { AddKeyDate } from './AddKeyDate';
import './key-dates.css';

/**
 * The key dates on the overview (issue 17, item 6): a switch between the
 * frozen days, the Land's figures of the chosen one with any later correction
 * beside them, its Regierungsbezirke, the ministry's report as Excel and PDF,
 * and the change since an earlier key date.
 */
export function KeyDatesPanel({ landKey }: { landKey: string }) {
  const keyDates = useKeyDates();
  const me = useMe();
  const frozen = (keyDates.data ?? []).filter((keyDate) => keyDate.frozenAt !== null);
  const pending = (keyDates.data ?? []).filter((keyDate) => keyDate.frozenAt === null);
  const [chosen, setChosen] = useState<string | null>(null);
  const day = chosen ?? frozen.at(-1)?.day ?? null;

  return (
    <section className="panel key-dates" aria-labelledby="stichtage">
      <h2 id="stichtage">Stichtage</h2>
      <p className="hint">
        Festgeschriebene Werte an den Tagen, die für die OZG-Berichte zählen: einmal aus den Statusereignissen
        auf dem Gebietsstand des Tages berechnet und gespeichert. Spätere Änderungen schreiben sie nicht um;
        eine Korrektur der Historie steht daneben.
      </p>
      {keyDates.isPending ? (
        <Loading label="Die Stichtage" />
      ) : keyDates.isError ? (
        <ErrorState error={keyDates.error} onRetry={() => void keyDates.refetch()} />
      ) : frozen.length === 0 || !day ? (
        <p className="state state-empty">Noch ist kein Stichtag erreicht und festgeschrieben.</p>
      ) : (
        <>
          <fieldset className="key-date-switch">
            <legend>Stichtag</legend>
            {frozen.map((keyDate) => (
              <label
                key={keyDate.day}
                className={keyDate.day === day ? 'key-date-option is-chosen' : 'key-date-option'}
              >
                <input
                  type="radio"
                  name="stichtag"
                  value={keyDate.day}
                  checked={keyDate.day === day}
                  onChange={() => setChosen(keyDate.day)}
                />
                <span className="key-date-day">{formatDate(keyDate.day)}</span>
                <span className="key-date-label">{keyDate.label}</span>
              </label>
            ))}
          </fieldset>
          <KeyDateFigures day={day} landKey={landKey} keyDates={frozen} />
        </>
      )}
      {me.data?.role === 'admin' ? <AddKeyDate pending={pending} /> : null}
    </section>
  );
}

function KeyDateFigures({ day, landKey, keyDates }: { day: string; landKey: string; keyDates: KeyDate[] }) {
  const report = useKeyDateReport(day, landKey);
  const earlier = keyDates.filter((keyDate) => keyDate.day < day);
  const [since, setSince] = useState<string | null>(null);
  const from =
    since && earlier.some((keyDate) => keyDate.day === since) ? since : (earlier.at(-1)?.day ?? null);
  const change = useKeyDateChange(from, day, landKey);

  if (report.isPending) return <Loading label="Die Werte des Stichtags" />;
  if (report.isError) return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  const { land, bezirke, keyDate } = report.data;
  const rows: KeyDateRow[] = bezirke.length > 0 ? bezirke : report.data.kreise;

  return (
    <div className="key-date-figures">
      <p className="key-date-frozen">
        {land.region.name} am {formatDate(day)} ({keyDate.label}), festgeschrieben am{' '}
        {formatDateTime(keyDate.frozenAt)}.
      </p>
      <Tiles
        tiles={[
          {
            label: 'OZG-konform',
            value: formatShare(land.figures.conformantShare),
            detail: `${formatNumber(land.figures.conformant)} von ${formatNumber(land.figures.targetServices)} Zielleistungen`,
            note: correctionText(land) ? (
              <span className="key-date-correction">{correctionText(land)}</span>
            ) : undefined,
          },
          {
            label: 'Online zur Frist 31.12.2022',
            value: formatShare(land.figures.onlineByDeadlineShare),
            detail: `${formatNumber(land.figures.onlineByDeadline)} Leistungen rechtzeitig online`,
          },
          {
            label: 'Überfällig',
            value: formatNumber(land.figures.overdue),
            detail: 'Zielleistungen noch unter Reifegrad 3',
          },
        ]}
      />
      <ScrollableTable
        label={`Stichtag ${formatDate(day)} je ${bezirke.length > 0 ? 'Regierungsbezirk' : 'Kreis'}`}
      >
        <table className="data-table">
          <caption className="visually-hidden">
            Festgeschriebene Werte am {formatDate(day)} je {bezirke.length > 0 ? 'Regierungsbezirk' : 'Kreis'}
          </caption>
          <thead>
            <tr>
              <th scope="col">{bezirke.length > 0 ? 'Regierungsbezirk' : 'Kreis'}</th>
              <th scope="col" className="numeric">
                OZG-konform
              </th>
              <th scope="col" className="numeric">
                Zielleistungen
              </th>
              <th scope="col">Korrektur seither</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.region.ags}>
                <th scope="row">{row.region.name}</th>
                <td className="numeric">{formatShare(row.figures.conformantShare)}</td>
                <td className="numeric">{formatNumber(row.figures.targetServices)}</td>
                <td>{correctionText(row) ?? 'keine'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollableTable>
      <div className="button-row">
        <a className="button" href={keyDateFileUrl(day, landKey, 'xlsx')} download>
          Stichtagsbericht als Excel
        </a>
        <a className="button" href={keyDateFileUrl(day, landKey, 'pdf')} download>
          Stichtagsbericht als PDF
        </a>
      </div>
      {from ? (
        <div className="key-date-change">
          <label htmlFor="key-date-since">Veränderung seit</label>
          <select id="key-date-since" value={from} onChange={(event) => setSince(event.target.value)}>
            {earlier.map((keyDate) => (
              <option key={keyDate.day} value={keyDate.day}>
                {formatDate(keyDate.day)} ({keyDate.label})
              </option>
            ))}
          </select>
          <p aria-live="polite">
            {change.data
              ? `${land.region.name}: ${formatShare(change.data.land.from?.share)} → ${formatShare(change.data.land.to?.share)} (${formatPercentagePoints(
                  change.data.land.changePoints === null ? null : change.data.land.changePoints / 100,
                )})`
              : change.isError
                ? 'Die Veränderung ist gerade nicht abrufbar.'
                : 'Die Veränderung wird geladen …'}
          </p>
          <div className="button-row">
            <a className="button" href={keyDateChangeFileUrl(from, day, landKey, 'xlsx')} download>
              Veränderung als Excel
            </a>
            <a className="button" href={keyDateChangeFileUrl(from, day, landKey, 'pdf')} download>
              Veränderung als PDF
            </a>
          </div>
        </div>
      ) : null}
    </div>
  );
}
