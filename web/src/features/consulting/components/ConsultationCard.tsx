import {
  CONSULTATION_STATE_LABELS,
  CONSULTING_AREA_LABELS,
  type Consultation,
  type StatusSnapshot,
} from '@ozg/shared';
import { formatDate, formatNumber, formatShare } from '../../../lib/format';
import { consultationProfileUrl } from '../api/profile';
import { AddMeasureForm } from './AddMeasureForm';
import { ConsultationActions } from './ConsultationActions';
import { MeasureList } from './MeasureList';

/** One consultation: where it stands, what happened, and the measures agreed. */
export function ConsultationCard({
  consultation,
  ags,
  canManage,
  canFollowUp,
  myUserId,
  onReload,
}: {
  consultation: Consultation;
  ags: string;
  canManage: boolean;
  canFollowUp: boolean;
  myUserId: number;
  onReload: () => void;
}) {
  const headingId = `beratung-${consultation.id}`;
  const active = consultation.state === 'requested' || consultation.state === 'scheduled';
  return (
    <article className={`panel consultation consultation-${consultation.state}`} aria-labelledby={headingId}>
      <header className="consultation-header">
        <div>
          <p className="eyebrow">Bereich {CONSULTING_AREA_LABELS[consultation.area]}</p>
          <h2 id={headingId}>{consultation.module.name}</h2>
        </div>
        <span className={`state-badge consultation-state-${consultation.state}`}>
          {CONSULTATION_STATE_LABELS[consultation.state]}
        </span>
      </header>
      <dl className="facts">
        <div>
          <dt>
            {consultation.requestedBy === 'municipality' ? 'Von der Kommune angefragt am' : 'Angeboten am'}
          </dt>
          <dd>{formatDate(consultation.requestedAt)}</dd>
        </div>
        {consultation.requestNote ? (
          <div>
            <dt>Notiz der Kommune</dt>
            <dd className="request-note">{consultation.requestNote}</dd>
          </div>
        ) : null}
        {consultation.scheduledFor ? (
          <div>
            <dt>Termin</dt>
            <dd>{formatDate(consultation.scheduledFor)}</dd>
          </div>
        ) : null}
        <div>
          <dt>Beratung durch</dt>
          <dd>{consultation.consultant?.displayName ?? 'noch niemand'}</dd>
        </div>
        {consultation.heldOn ? (
          <div>
            <dt>Durchgeführt am</dt>
            <dd>{formatDate(consultation.heldOn)}</dd>
          </div>
        ) : null}
        {consultation.cancelledReason ? (
          <div>
            <dt>Grund der Absage</dt>
            <dd>{consultation.cancelledReason}</dd>
          </div>
        ) : null}
      </dl>
      {consultation.state === 'held' ? (
        <>
          <h3>Ergebnis</h3>
          <p className="outcome">{consultation.outcomeNotes || 'Kein Ergebnis notiert.'}</p>
          {consultation.statusSnapshot ? <SnapshotView snapshot={consultation.statusSnapshot} /> : null}
          {consultation.heldOn ? (
            <p>
              <a href={consultationProfileUrl(consultation.id)} download>
                Kommunalprofil vom {formatDate(consultation.heldOn)} (PDF, wie zur Beratung gespeichert)
              </a>
            </p>
          ) : null}
        </>
      ) : null}
      {canManage && active ? (
        <ConsultationActions consultation={consultation} ags={ags} myUserId={myUserId} onReload={onReload} />
      ) : null}
      {consultation.state === 'held' ? (
        <section aria-labelledby={`${headingId}-measures`} className="measures">
          <h3 id={`${headingId}-measures`}>Vereinbarte Maßnahmen</h3>
          <MeasureList
            measures={consultation.measures}
            ags={ags}
            canFollowUp={canFollowUp}
            onReload={onReload}
          />
          {canManage ? <AddMeasureForm consultationId={consultation.id} ags={ags} /> : null}
        </section>
      ) : null}
    </article>
  );
}

/** The municipality's figures on the day of the consultation, kept with it. */
function SnapshotView({ snapshot }: { snapshot: StatusSnapshot }) {
  return (
    <div className="snapshot">
      <h3>Stand der Kommune am {formatDate(snapshot.date)}</h3>
      <p>
        {formatNumber(snapshot.conformant)} von {formatNumber(snapshot.targetServices)} Zielleistungen
        OZG-konform ({formatShare(snapshot.conformantShare)}).
      </p>
      <table className="data-table snapshot-table">
        <caption className="visually-hidden">
          Zielleistungen nach Reifegrad am {formatDate(snapshot.date)}
        </caption>
        <thead>
          <tr>
            <th scope="col">Reifegrad</th>
            <th scope="col" className="numeric">
              Zielleistungen
            </th>
          </tr>
        </thead>
        <tbody>
          {snapshot.levelCounts.map((count, level) => (
            // The levels are fixed positions 0..4: the index is the Reifegrad.
            <tr key={level}>
              <th scope="row">{level}</th>
              <td className="numeric">{formatNumber(count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
