import { useHealth } from '../api/get-health';

/** Says plainly when the figures are generated demo data, so nobody quotes them. */
export function DemoNotice() {
  const { data } = useHealth();
  if (data?.dataset !== 'demo') return null;
  return (
    <div className="demo-notice" role="note">
      <strong>Demo-Daten:</strong> Gemeinden, Leistungsstände und Benutzer sind erfunden. Die Zahlen
      beschreiben nicht den tatsächlichen Stand der OZG-Umsetzung.
    </div>
  );
}
