import type { ConsultingModule, Me } from '@ozg/shared';
import { useState } from 'react';
import { Breadcrumbs } from '../../../components/Breadcrumbs';
import { Empty, ErrorState, Loading } from '../../../components/States';
import { failureMessage } from '../../../lib/api-errors';
import { Link, type PageProps } from '../../../lib/navigation';
import { usePageTitle } from '../../../lib/page-title';
import { useMe } from '../../../lib/queries/me';
import { useRegion } from '../../../lib/queries/regions';
import { useConsultations } from '../api/get-consultations';
import { useModules } from '../api/get-modules';
import { useRecommendation } from '../api/get-recommendation';
import { useRequestConsultation } from '../api/request-consultation';
import { breakableAreaLabel, openAreas } from '../consulting-model';
import { CheckSummary } from './CheckSummary';
import { ConsultationCard } from './ConsultationCard';
import { Feedback, type FeedbackMessage } from './Feedback';
import { OfferConsultation } from './OfferConsultation';
import { ProfileDownload } from './ProfileDownload';
import { QuickWins } from './QuickWins';
import { RequestConsultation } from './RequestConsultation';
import { ServiceGaps } from './ServiceGaps';

/** The route /beratung/kommune/:ags. */
export function ConsultationsPage({ params }: PageProps<'/beratung/kommune/:ags'>) {
  const me = useMe();
  if (!me.data) return <Loading label="Die Anmeldung" />;
  return <MunicipalityConsultations ags={params.ags} me={me.data} />;
}

/**
 * A municipality's consultations: consultants and the ministry manage them,
 * the municipality's officers follow up their measures, readers read.
 */
export function MunicipalityConsultations({ ags, me }: { ags: string; me: Me }) {
  const municipality = useRegion(ags);
  const consultations = useConsultations(ags);
  const modules = useModules();
  const offer = useRequestConsultation();
  const [feedback, setFeedback] = useState<FeedbackMessage>(null);
  const canManage = me.role === 'consultant' || me.role === 'admin';
  const isOwn = me.role === 'officer' && me.regions.some((region) => region.ags === ags);
  const name = municipality.data?.name ?? ags;
  const recommendation = useRecommendation(ags, canManage);
  const suggestionOf = (area: string) =>
    recommendation.data?.suggestions.find((s) => s.area === area) ?? null;
  usePageTitle(municipality.data ? `Beratung ${municipality.data.name}` : null);

  const offerConsultation = (module: ConsultingModule) => {
    setFeedback(null);
    offer.mutate(
      { ags, moduleId: module.id },
      {
        onSuccess: () => setFeedback({ kind: 'success', text: `Beratung „${module.name}“ angeboten.` }),
        onError: (error) => setFeedback({ kind: 'error', text: `Nicht angeboten: ${failureMessage(error)}` }),
      },
    );
  };

  const requestConsultation = ({ module, note }: { module: ConsultingModule; note: string }) => {
    setFeedback(null);
    offer.mutate(
      { ags, moduleId: module.id, ...(note ? { note } : {}) },
      {
        onSuccess: (consultation) =>
          setFeedback({
            kind: 'success',
            text: `Beratung „${module.name}“ angefragt (Nr. ${consultation.id}). Die Beratung meldet sich bei Ihnen.`,
          }),
        onError: (error) => setFeedback({ kind: 'error', text: `Nicht angefragt: ${failureMessage(error)}` }),
      },
    );
  };

  if (municipality.isPending) return <Loading label="Die Kommune" />;
  if (municipality.isError)
    return <ErrorState error={municipality.error} onRetry={() => void municipality.refetch()} />;

  return (
    <>
      <Breadcrumbs
        items={
          canManage
            ? [{ label: 'Arbeitsliste Beratung', to: '/beratung' }, { label: name }]
            : [{ label: 'Beratung' }, { label: name }]
        }
      />
      <header className="page-header">
        <h1>Beratung {name}</h1>
        <p className="lead">
          {isOwn
            ? 'Ihre Beratungen im kostenlosen Beratungsangebot des Landes und was dabei vereinbart wurde. Den Stand der Maßnahmen, die Verantwortlichen und die Fristen pflegen Sie hier.'
            : 'Beratungen im kostenlosen Beratungsangebot des Landes: je Bereich eine, mit den vereinbarten Maßnahmen.'}{' '}
          <Link to={`/regionen/${ags}`}>Kennzahlen von {name}</Link>
        </p>
      </header>
      <ProfileDownload ags={municipality.data.ags} name={name} />
      {consultations.isPending ? (
        <Loading label="Die Beratungen" />
      ) : consultations.isError ? (
        <ErrorState error={consultations.error} onRetry={() => void consultations.refetch()} />
      ) : (
        <>
          {canManage ? (
            <section className="panel" aria-labelledby="anbieten">
              <h2 id="anbieten">Beratung anbieten</h2>
              <Feedback message={feedback} />
              {openAreas(consultations.data).length === 0 ? (
                <p className="hint">
                  {name} hat in beiden Bereichen eine Beratung. Eine weitere ist erst nach einer Absage
                  möglich.
                </p>
              ) : modules.isError ? (
                <ErrorState error={modules.error} onRetry={() => void modules.refetch()} />
              ) : !modules.data ? (
                <Loading label="Die Module" />
              ) : (
                <>
                  <ul className="offer-list offer-list-wide">
                    {openAreas(consultations.data).map((area) => (
                      <li key={area}>
                        <span className="offer-area">{breakableAreaLabel(area)}</span>
                        <OfferConsultation
                          // Preselect the suggestion once it has arrived.
                          key={suggestionOf(area)?.module.id ?? 'none'}
                          municipalityName={name}
                          area={area}
                          modules={modules.data}
                          pending={offer.isPending}
                          onOffer={offerConsultation}
                          suggestedModuleId={suggestionOf(area)?.module.id ?? null}
                        />
                        {suggestionOf(area) ? (
                          <p className="suggestion">
                            <strong>Empfehlung:</strong> {suggestionOf(area)?.reason}
                            {suggestionOf(area)?.facts.length
                              ? ` (${suggestionOf(area)?.facts.join(', ')})`
                              : ''}
                            .
                          </p>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                  {recommendation.data?.notes.map((note) => (
                    <p key={note} className="hint">
                      {note}
                    </p>
                  ))}
                </>
              )}
            </section>
          ) : null}
          {isOwn ? (
            <section className="panel" aria-labelledby="anfragen">
              <h2 id="anfragen">Beratung anfragen</h2>
              <Feedback message={feedback} />
              {openAreas(consultations.data).length === 0 ? (
                <p className="hint">
                  {name} hat in beiden Bereichen eine Beratung. Eine weitere ist erst nach einer Absage
                  möglich.
                </p>
              ) : modules.isError ? (
                <ErrorState error={modules.error} onRetry={() => void modules.refetch()} />
              ) : !modules.data ? (
                <Loading label="Die Module" />
              ) : (
                <RequestConsultation
                  areas={openAreas(consultations.data)}
                  modules={modules.data}
                  pending={offer.isPending}
                  onRequest={requestConsultation}
                />
              )}
            </section>
          ) : null}
          {consultations.data.length === 0 ? (
            <Empty>{name} hat bisher keine Beratung angefragt oder erhalten.</Empty>
          ) : (
            consultations.data.map((consultation) => (
              <ConsultationCard
                key={consultation.id}
                consultation={consultation}
                ags={ags}
                canManage={canManage}
                canFollowUp={canManage || isOwn}
                myUserId={me.id}
                onReload={() => void consultations.refetch()}
              />
            ))
          )}
        </>
      )}
      <CheckSummary ags={municipality.data.ags} name={name} />
      {consultations.data ? (
        <QuickWins
          ags={municipality.data.ags}
          name={name}
          consultations={consultations.data}
          canManage={canManage}
        />
      ) : null}
      <ServiceGaps ags={municipality.data.ags} name={name} />
    </>
  );
}
