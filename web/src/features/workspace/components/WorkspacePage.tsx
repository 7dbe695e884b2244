import '../../../components/work-views.css';
import '../workspace.css';
import { REGION_KIND_LABELS } from '@ozg/shared';
import { useState } from 'react';
import { ErrorState, Loading } from '../../../components/States';
import { formatNumber } from '../../../lib/format';
import { useWorkspaceRegion } from '../api/get-workspace-region';
import { CsvPanel } from './CsvPanel';
import { StatusTable } from './StatusTable';

/** The officer's workspace for one municipality (AGS or ARS): its target services and the CSV exchange. */
export function WorkspacePage({ regionKey }: { regionKey: string }) {
  const region = useWorkspaceRegion(regionKey);
  const [message, setMessage] = useState('');

  if (region.isPending) return <Loading label="Die Kommune" />;
  if (region.isError) return <ErrorState error={region.error} onRetry={() => void region.refetch()} />;
  const { data } = region;

  return (
    <div className="workspace">
      <header className="page-header">
        <p className="eyebrow">
          Arbeitsbereich · {REGION_KIND_LABELS[data.kind]} · AGS {data.ags}
        </p>
        <h1>{data.name}</h1>
        <p className="page-lead">
          {formatNumber(data.population)} Einwohner. Pflegen Sie hier den Umsetzungsstand der Leistungen, die
          Ihre Kommune anbieten muss.
        </p>
      </header>
      <p className="flash" role="status" aria-live="polite">
        {message}
      </p>
      <StatusTable regionKey={data.ags} onMessage={setMessage} />
      <CsvPanel regionKey={data.ags} onCommitted={setMessage} />
    </div>
  );
}
