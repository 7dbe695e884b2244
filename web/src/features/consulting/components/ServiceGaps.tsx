import { useState } from 'react';
import { AdoptionHints } from '../../../components/AdoptionHints';
import { MaturityLevel } from '../../../components/MaturityLevel';
import { Empty, ErrorState, Loading } from '../../../components/States';
import { formatCount } from '../../../lib/format';
import { Link } from '../../../lib/navigation';
import { useServiceGaps } from '../api/get-service-gaps';

/**
 * The services a municipality still lacks (below Reifegrad 3), each with how
 * comparable municipalities and neighbours offer it: what a consultant brings
 * to the conversation. Links to all services, read-only for readers.
 */
export function ServiceGaps({ ags, name }: { ags: string; name: string }) {
  const gaps = useServiceGaps(ags);
  const [open, setOpen] = useState<number | null>(null);

  return (
    <section className="panel service-gaps" aria-labelledby="service-gaps-title">
      <h2 id="service-gaps-title">Fehlende Leistungen und Vorbilder</h2>
      <p className="hint">
        <Link to={`/arbeitsbereich/${ags}`}>Alle Leistungen von {name} mit Filtern und Verlauf</Link>
      </p>
      {gaps.isPending ? (
        <Loading label="Die fehlenden Leistungen" />
      ) : gaps.isError ? (
        <ErrorState error={gaps.error} onRetry={() => void gaps.refetch()} />
      ) : gaps.data.items.length === 0 ? (
        <Empty>{name} bietet alle Leistungen OZG-konform an.</Empty>
      ) : (
        <>
          <p>
            {formatCount(gaps.data.total, 'Leistung ist', 'Leistungen sind')} noch nicht OZG-konform
            {gaps.data.total > gaps.data.items.length
              ? `; hier die ${gaps.data.items.length} mit dem niedrigsten Reifegrad`
              : ''}
            .
          </p>
          <ul className="gap-list">
            {gaps.data.items.map((status) => (
              <li key={status.id}>
                <div className="gap-row">
                  <span className="gap-name">{status.serviceName}</span>
                  <MaturityLevel level={status.maturityLevel} model={status.maturityModel} />
                  <button
                    type="button"
                    className="button button-small"
                    aria-expanded={open === status.id}
                    aria-label={`Vorbilder für ${status.serviceName}: wie andere Kommunen sie anbieten`}
                    onClick={() => setOpen(open === status.id ? null : status.id)}
                  >
                    Vorbilder
                  </button>
                </div>
                {open === status.id ? <AdoptionHints regionKey={ags} ozgId={status.ozgId} /> : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
