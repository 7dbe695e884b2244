import { type Consultation, MEASURE_STATE_LABELS, type QuickWin } from '@ozg/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { MaturityLevel } from '../../../components/MaturityLevel';
import { Empty, ErrorState, Loading } from '../../../components/States';
import { failureMessage } from '../../../lib/api-errors';
import { formatDate, formatNumber } from '../../../lib/format';
import { useCreateMeasure } from '../api/create-measure';
import { useQuickWins } from '../api/get-quick-wins';
import { consultingKeys } from '../api/keys';
import { quickWinMeasureTitle, quickWinUsers } from '../check-model';
import { Feedback, type FeedbackMessage } from './Feedback';
import '../check.css';

const SHOWN = 10;

/**
 * "What could this municipality switch on tomorrow?": its missing services
 * that comparable municipalities run on a shared solution, best first. One
 * click makes one a measure of the latest held consultation.
 */
export function QuickWins({
  ags,
  name,
  consultations,
  canManage,
}: {
  ags: string;
  name: string;
  consultations: readonly Consultation[];
  canManage: boolean;
}) {
  const wins = useQuickWins(ags);
  const create = useCreateMeasure(ags);
  const queryClient = useQueryClient();
  const [all, setAll] = useState(false);
  const [feedback, setFeedback] = useState<FeedbackMessage>(null);
  // The newest held consultation: measures are agreed in one that took place.
  const held = consultations
    .filter((c) => c.state === 'held')
    .sort((a, b) => (b.heldOn ?? '').localeCompare(a.heldOn ?? ''))[0];

  const adopt = (win: QuickWin) => {
    if (!held) return;
    setFeedback(null);
    const title = quickWinMeasureTitle(win);
    create.mutate(
      { consultationId: held.id, measure: { title, owner: null, dueDate: null, ozgIds: [win.ozgId] } },
      {
        onSuccess: () => {
          setFeedback({
            kind: 'success',
            text: `Maßnahme „${title}“ in der Beratung vom ${formatDate(held.heldOn)} erfasst.`,
          });
          void queryClient.invalidateQueries({ queryKey: consultingKeys.quickWins(ags) });
        },
        onError: (error) => setFeedback({ kind: 'error', text: `Nicht erfasst: ${failureMessage(error)}` }),
      },
    );
  };

  return (
    <section className="panel" aria-labelledby="quick-wins-title">
      <h2 id="quick-wins-title">Quick Wins</h2>
      {wins.isPending ? (
        <Loading label="Die Quick Wins" />
      ) : wins.isError ? (
        <ErrorState error={wins.error} onRetry={() => void wins.refetch()} />
      ) : (
        <>
          <p className="hint">
            {wins.data.method} Verglichen mit {formatNumber(wins.data.peerCount)} Kommunen (
            {wins.data.peerGroup}).
          </p>
          {canManage ? (
            <p className="hint">
              {held
                ? `„Als Maßnahme übernehmen“ erfasst die Leistung als Maßnahme der Beratung vom ${formatDate(held.heldOn)}.`
                : 'Als Maßnahme übernehmen lässt sich ein Quick Win, sobald eine Beratung durchgeführt ist.'}
            </p>
          ) : null}
          <Feedback message={feedback} />
          {wins.data.items.length === 0 ? (
            <Empty>
              Für {name} gibt es keine Quick Wins: vergleichbare Kommunen bieten keine fehlende Leistung mit
              einer gemeinsamen Lösung an.
            </Empty>
          ) : (
            <>
              <ol className="quick-win-list" aria-label={`Quick Wins für ${name}`}>
                {(all ? wins.data.items : wins.data.items.slice(0, SHOWN)).map((win) => (
                  <li key={win.ozgId}>
                    <div className="quick-win-main">
                      <span className="quick-win-name">{win.name}</span>{' '}
                      <MaturityLevel level={win.maturityLevel} model="1.1" />
                      <div className="hint">
                        {quickWinUsers(win)}
                        {win.since ? `, die erste seit ${formatDate(win.since)}` : ''}
                        {win.meanYearsOnline !== null
                          ? `, im Mittel seit ${win.meanYearsOnline.toLocaleString('de-DE')} Jahren`
                          : ''}
                      </div>
                    </div>
                    {win.measure ? (
                      <span className="badge">Maßnahme: {MEASURE_STATE_LABELS[win.measure.state]}</span>
                    ) : canManage && held ? (
                      <button
                        type="button"
                        className="button button-small"
                        disabled={create.isPending}
                        aria-label={`${win.name} als Maßnahme übernehmen`}
                        onClick={() => adopt(win)}
                      >
                        Als Maßnahme übernehmen
                      </button>
                    ) : null}
                  </li>
                ))}
              </ol>
              {wins.data.items.length > SHOWN ? (
                <button
                  type="button"
                  className="button button-quiet"
                  aria-expanded={all}
                  onClick={() => setAll(!all)}
                >
                  {all
                    ? `Nur die ersten ${SHOWN} zeigen`
                    : `Alle ${wins.data.items.length} Quick Wins zeigen`}
                </button>
              ) : null}
            </>
          )}
        </>
      )}
    </section>
  );
}
