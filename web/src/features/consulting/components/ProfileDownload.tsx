import { profileFileUrl } from '../api/profile';

/**
 * The municipality profile for the consultation and for council or mayor
 * meetings (issue 17, item 4): today's figures as PDF, the figures as Excel.
 * Plain links: the browser sends the session cookie and saves the file.
 */
export function ProfileDownload({ ags, name }: { ags: string; name: string }) {
  return (
    <section className="panel" aria-labelledby="kommunalprofil">
      <h2 id="kommunalprofil">Kommunalprofil</h2>
      <p className="hint">
        Ein bis zwei Seiten als Grundlage der Beratung und für Gemeindevertretung oder Bürgermeisterin:
        OZG-Stand mit Verlauf, Vergleich mit ähnlichen Kommunen und offene Maßnahmen, Stand heute. Wird eine
        Beratung als durchgeführt erfasst, wird das Profil dieses Tages gespeichert und bleibt bei der
        Beratung abrufbar.
      </p>
      <div className="button-row">
        <a className="button" href={profileFileUrl(ags, 'pdf')} download>
          Kommunalprofil {name} (PDF)
        </a>
        <a className="button" href={profileFileUrl(ags, 'xlsx')} download>
          Zahlen als Excel
        </a>
      </div>
    </section>
  );
}
