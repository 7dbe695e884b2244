import { REGION_KIND_LABELS, type RegionDetail } from '@ozg/shared';
import type { ReactNode } from 'react';
import { Breadcrumbs } from '../../../components/Breadcrumbs';
import { countOf, formatDate, formatNumber } from '../../../lib/format';
import { regionPath } from '../../../lib/region-paths';
import { AsOfPicker } from './AsOfPicker';

/** Breadcrumbs Land > Regierungsbezirk > Kreis > Gemeinde, the name, key facts and the date picker. */
export function RegionHeader({
  region,
  asOf,
  today,
  links,
}: {
  region: RegionDetail;
  asOf: string | null;
  today: string;
  /** Links for the signed-in user (workspace, audit trail), shown below the facts. */
  links?: ReactNode;
}) {
  const crumbs = [
    ...region.ancestors.map((ancestor) => ({
      label: ancestor.name,
      to: regionPath(ancestor.ags, ancestor.level, asOf),
    })),
    { label: region.name },
  ];
  return (
    <header className="page-header region-header">
      {region.ancestors.length > 0 ? <Breadcrumbs items={crumbs} /> : null}
      <div className="region-header-main">
        <div>
          <p className="eyebrow">
            {REGION_KIND_LABELS[region.kind]} · AGS {region.ags}
            {region.sonderstatus ? ' · Sonderstatusstadt' : ''}
          </p>
          <h1>{region.name}</h1>
          <p className="region-facts">
            {formatNumber(region.population)} Einwohner
            {region.descendants.kreise > 0
              ? ` · ${countOf(region.descendants.kreise, 'Kreis', 'Kreise')}`
              : ''}
            {region.descendants.gemeinden > 0
              ? ` · ${countOf(region.descendants.gemeinden, 'Stadt oder Gemeinde', 'Städte und Gemeinden')}`
              : ''}
            {asOf ? ` · Stand ${formatDate(asOf)}` : ''}
          </p>
          {links}
        </div>
        <AsOfPicker key={asOf ?? 'heute'} asOf={asOf} today={today} />
      </div>
    </header>
  );
}
