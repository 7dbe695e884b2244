import {
  CONSULTING_AREA_LABELS,
  CONSULTING_AREAS,
  type ConsultingModule,
  type WorklistItem,
  type WorklistRequest,
} from '@ozg/shared';
import { useState } from 'react';
import { Pagination } from '../../../components/Pagination';
import { labelledBy, SelectFilter } from '../../../components/SelectFilter';
import { Empty, ErrorState, Loading } from '../../../components/States';
import { ApiError } from '../../../lib/api-client';
import { failureMessage } from '../../../lib/api-errors';
import { formatDate, formatNumber, formatShare } from '../../../lib/format';
import { Link, navigate, useSearchParams, withSearch } from '../../../lib/navigation';
import { pageSlice } from '../../../lib/pagination';
import { useModules } from '../api/get-modules';
import { useWorklist } from '../api/get-worklist';
import { useRequestConsultation } from '../api/request-consultation';
import { breakableAreaLabel, formatPoints, kreisOptions, worklistSearch } from '../consulting-model';
import { CONSULTING_LAND, consultationPath } from '../consulting-paths';
import { Feedback, type FeedbackMessage } from './Feedback';
import { OfferConsultation } from './OfferConsultation';

/** Rows per page: a page stays a screen or two tall on a phone. */
const WORKLIST_PAGE_SIZE = 20;

/** The consultant's worklist: laggards of the Land that have not used a consultation yet. */
export function WorklistPage() {
  const { bereich, kreis, seite: page } = useSearchParams(worklistSearch);
  const filter = { area: bereich, kreis };
  const worklist = useWorklist(CONSULTING_LAND, filter);
  // The Kreis choice lists every Kreis with a laggard, whatever is filtered now.
  const unfiltered = useWorklist(CONSULTING_LAND, { area: null, kreis: null });
  const modules = useModules();
  const offer = useRequestConsultation();
  const [feedback, setFeedback] = useState<FeedbackMessage>(null);

  const setFilter = (name: 'kreis' | 'bereich' | 'seite', value: string) =>
    // Another filter gives another list: start again on its first page.
    navigate(withSearch({ [name]: value, ...(name === 'seite' ? {} : { seite: null }) }), { replace: true });

  const offerConsultation = (item: WorklistItem, module: ConsultingModule) => {
    setFeedback(null);
    offer.mutate(
      { ags: item.region.ags, moduleId: module.id },
      {
        onSuccess: (consultation) =>
          setFeedback({
            kind: 'success',
            text: (
              <>
                {item.region.name}: Beratung „{module.name}“ angeboten (Nr. {consultation.id}).{' '}
                <Link to={consultationPath(item.region.ags)}>Termin vereinbaren</Link>
              </>
            ),
          }),
        onError: (error) =>
          setFeedback({
            kind: 'error',
            text:
              error instanceof ApiError && error.status === 409 ? (
                <>
                  Nicht angeboten: {error.message}{' '}
                  <Link to={consultationPath(item.region.ags)}>
                    Beratungen von {item.region.name} ansehen
                  </Link>
                </>
              ) : (
                `Nicht angeboten: ${failureMessage(error)}`
              ),
          }),
      },
    );
  };

  const shown = pageSlice(worklist.data?.items ?? [], page, WORKLIST_PAGE_SIZE);

  return (
    <>
      <header className="page-header">
        <h1>Arbeitsliste Beratung</h1>
        <p className="lead">
          Kommunen, die hinter ihrer Vergleichsgruppe liegen und ihr kostenloses Beratungsangebot in einem
          Bereich noch nicht genutzt haben. Je Kommune ist eine Beratung pro Bereich möglich.
        </p>
      </header>
      <section className="panel" aria-labelledby="worklist-heading">
        <h2 id="worklist-heading">Kommunen ohne Beratung</h2>
        <form className="filters" onSubmit={(event) => event.preventDefault()}>
          <SelectFilter
            id="worklist-kreis"
            label="Kreis"
            allLabel="Alle Kreise"
            options={kreisOptions(unfiltered.data?.items ?? []).map((kreis) => ({
              value: kreis.ags,
              label: kreis.name,
            }))}
            value={filter.kreis}
            onChange={(kreis) => setFilter('kreis', kreis ?? '')}
          />
          <SelectFilter
            id="worklist-area"
            label="Bereich"
            allLabel="Beide Bereiche"
            options={labelledBy(CONSULTING_AREAS, CONSULTING_AREA_LABELS)}
            value={filter.area}
            onChange={(area) => setFilter('bereich', area ?? '')}
          />
        </form>
        <Feedback message={feedback} />
        {worklist.isPending || modules.isPending ? (
          <Loading label="Die Arbeitsliste" />
        ) : worklist.isError || modules.isError ? (
          <ErrorState
            error={worklist.error ?? modules.error}
            onRetry={() => {
              void worklist.refetch();
              void modules.refetch();
            }}
          />
        ) : null}
        {worklist.data && modules.data ? <RequestList requests={worklist.data.requests} /> : null}
        {!worklist.data || !modules.data ? null : worklist.data.items.length === 0 ? (
          <Empty>
            Keine Kommune {filter.kreis || filter.area ? 'mit diesen Filtern ' : ''}liegt hinter ihrer
            Vergleichsgruppe und hat ihre Beratung noch offen.
          </Empty>
        ) : (
          <>
            <h3 className="worklist-subheading">Kommunen hinter ihrer Vergleichsgruppe</h3>
            <p className="hint">
              Sortiert nach dem Abstand zum Median der Vergleichsgruppe ({worklist.data.peerGroup}). Quick
              Wins: fehlende Leistungen, die vergleichbare Kommunen mit EfA-Dienst oder civento anbieten.
            </p>
            <div className="table-scroll">
              <table className="data-table worklist-table">
                <caption className="visually-hidden">
                  Kommunen hinter ihrer Vergleichsgruppe mit offener Beratung
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Kommune</th>
                    <th scope="col" className="numeric hide-narrow">
                      OZG-konform
                    </th>
                    <th scope="col" className="numeric hide-narrow">
                      Median Vergleichsgruppe
                    </th>
                    <th scope="col" className="numeric">
                      Abstand
                    </th>
                    <th scope="col" className="numeric hide-narrow">
                      Überfällig
                    </th>
                    <th scope="col">Beratung anbieten</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.rows.map((item) => (
                    <tr key={item.region.ags}>
                      <th scope="row">
                        <Link to={consultationPath(item.region.ags)}>{item.region.name}</Link>
                        <span className="row-kind">
                          {item.kreis?.name ?? ''}
                          {item.region.population !== null
                            ? ` · ${formatNumber(item.region.population)} Einwohner`
                            : ''}
                          {item.quickWins > 0
                            ? ` · ${formatNumber(item.quickWins)} ${item.quickWins === 1 ? 'Quick Win' : 'Quick Wins'}`
                            : ''}
                        </span>
                      </th>
                      <td className="numeric hide-narrow">{formatShare(item.share)}</td>
                      <td className="numeric hide-narrow">{formatShare(item.peerMedian)}</td>
                      <td className="numeric">{formatPoints(item.gap)}</td>
                      <td className="numeric hide-narrow">{formatNumber(item.overdue)}</td>
                      <td>
                        <ul className="offer-list">
                          {item.openAreas
                            .filter((area) => !filter.area || area === filter.area)
                            .map((area) => (
                              <li key={area}>
                                <span className="offer-area">{breakableAreaLabel(area)}</span>
                                <OfferConsultation
                                  municipalityName={item.region.name}
                                  area={area}
                                  modules={modules.data}
                                  pending={offer.isPending}
                                  onOffer={(module) => offerConsultation(item, module)}
                                />
                              </li>
                            ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination
              page={shown.page}
              pageSize={WORKLIST_PAGE_SIZE}
              total={worklist.data.items.length}
              what="Kommunen"
              label="Seiten der Arbeitsliste"
              onPage={(next) => setFilter('seite', next > 1 ? String(next) : '')}
            />
          </>
        )}
      </section>
    </>
  );
}

/** Requests municipalities made themselves: first, because someone waits for an answer. */
function RequestList({ requests }: { requests: readonly WorklistRequest[] }) {
  return (
    <section className="worklist-requests" aria-labelledby="worklist-requests-heading">
      <h3 id="worklist-requests-heading" className="worklist-subheading">
        Anfragen von Kommunen ({formatNumber(requests.length)})
      </h3>
      {requests.length === 0 ? (
        <Empty>Zurzeit keine offene Anfrage einer Kommune.</Empty>
      ) : (
        <ul className="request-list">
          {requests.map((request) => (
            <li key={request.consultationId} className="request-item">
              <span className="state-badge">Anfrage</span>
              <div>
                <p className="request-title">
                  <Link to={consultationPath(request.region.ags)}>{request.region.name}</Link>
                  {request.kreis ? <span className="row-kind">{request.kreis.name}</span> : null}
                </p>
                <p className="request-meta">
                  {breakableAreaLabel(request.area)} · {request.module.name} · angefragt am{' '}
                  {formatDate(request.requestedAt)}
                </p>
                {request.note ? <p className="request-note">„{request.note}“</p> : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
