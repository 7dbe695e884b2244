import { useHealth } from '../api/get-health';

/** Attribution of the data on screen (Destatis asks for "Quelle: Statistisches Bundesamt (Destatis)"). */
export function DataSourceNote() {
  const { data } = useHealth();
  if (!data) return null;
  if (data.dataset === 'demo') {
    return (
      <p>
        Demo: Regierungsbezirke und Kreise mit amtlichen Schlüsseln, Gemeinden und Einwohnerzahlen erfunden.
      </p>
    );
  }
  return (
    <p>
      Gebietsstand und Einwohnerzahlen nach dem Gemeindeverzeichnis GV100AD. Quelle: Statistisches Bundesamt
      (Destatis).
    </p>
  );
}
