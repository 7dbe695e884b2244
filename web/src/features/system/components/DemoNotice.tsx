import { useHealth } from '../api/get-health';

/** Says plainly when the figures are generated demo data, so nobody quotes them. */
export function DemoNotice() {
  const { data } = useHealth();
  if (data?.dataset !== 'demo') return null;
  return (
    // A landmark of its own, so that screen-reader users who jump between landmarks do not miss it.
    <aside className="demo-notice" aria-label="Hinweis auf Demo-Daten">
      <strong>Demo-Daten:</strong> Gemeinden, Leistungsstände und Benutzer sind erfunden. Die Zahlen
      beschreiben nicht den tatsächlichen Stand der OZG-Umsetzung.
    </aside>
  );
}
