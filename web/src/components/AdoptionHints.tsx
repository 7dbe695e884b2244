import './adoption-hints.css';
import { hintSentence, useAdoptionHints } from '../lib/adoption-hints';
import { formatDate } from '../lib/format';
import { Link } from '../lib/navigation';
import { Empty, ErrorState, Loading } from './States';

/**
 * How others offer a service that this municipality lacks or offers only at a
 * low level: one sentence per solution and a few municipalities to ask.
 */
export function AdoptionHints({ regionKey, ozgId }: { regionKey: string; ozgId: number }) {
  const hints = useAdoptionHints(regionKey, ozgId);
  if (hints.isPending) return <Loading label="Der Vergleich mit anderen Kommunen" />;
  if (hints.isError) return <ErrorState error={hints.error} onRetry={() => void hints.refetch()} />;
  const { solutions, service } = hints.data;
  if (solutions.length === 0)
    return (
      <Empty>
        Noch keine vergleichbare Kommune und kein Nachbar im Kreis bietet „{service.name}“ OZG-konform an.
      </Empty>
    );
  return (
    <ul className="adoption-hints">
      {solutions.map((hint) => (
        <li key={hint.solution ?? 'none'}>
          <p className="adoption-hint">{hintSentence(hint)}.</p>
          <p className="hint">
            {hint.since ? `Als Erste online seit ${formatDate(hint.since)}. ` : ''}
            Zum Beispiel:{' '}
            {hint.examples.map((example, index) => (
              <span key={example.ags}>
                {index > 0 ? ', ' : ''}
                <Link to={`/regionen/${example.ags}`}>{example.name}</Link>
                {example.url ? (
                  <>
                    {' '}
                    (
                    <a href={example.url} rel="noopener noreferrer" target="_blank">
                      Online-Dienst<span className="visually-hidden"> von {example.name}</span>
                    </a>
                    )
                  </>
                ) : null}
              </span>
            ))}
          </p>
        </li>
      ))}
    </ul>
  );
}
