import { useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { ImportCard, type UploadRequest } from './ImportCard';
import '../admin.css';
import { AdminNav } from './AdminNav';

/** A chosen, non-empty file of a form, or null. */
function chosenFile(form: FormData, field: string): File | null {
  const file = form.get(field);
  return file instanceof File && file.size > 0 ? file : null;
}

function FileField({
  name,
  label,
  accept,
  hint,
}: {
  name: string;
  label: string;
  accept: string;
  hint: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} type="file" accept={accept} aria-describedby={`${id}-hint`} />
      <span id={`${id}-hint`} className="hint">
        {hint}
      </span>
    </div>
  );
}

function ReplaceDemoField() {
  const id = useId();
  return (
    <div className="field field-checkbox">
      <input id={id} name="replaceDemo" type="checkbox" value="true" aria-describedby={`${id}-hint`} />
      <label htmlFor={id}>Demo-Daten ersetzen</label>
      <span id={`${id}-hint`} className="hint">
        Amtliche Daten werden nie mit Demo-Daten gemischt. Angekreuzt werden die Demo-Daten einschließlich der
        Demo-Benutzer gelöscht – auch Ihr Demo-Zugang.
      </span>
    </div>
  );
}

function DryRunField() {
  const id = useId();
  return (
    <div className="field field-checkbox">
      <input id={id} name="dryRun" type="checkbox" value="true" aria-describedby={`${id}-hint`} />
      <label htmlFor={id}>Nur prüfen (Probelauf)</label>
      <span id={`${id}-hint`} className="hint">
        Zeigt, was der Import ändern würde, z. B. welche Gemeinden als Nachfolger erkannt werden, und
        speichert nichts.
      </span>
    </div>
  );
}

/**
 * Uploads of the official files by the ministry: Kreis boundaries for the map,
 * the Gemeindeverzeichnis and the OZG catalogue. `mapPreview` (composed by the
 * app) shows the map of the Kreise as it is now, so an upload of boundaries
 * shows its effect at once.
 */
export function UploadsPage({ mapPreview }: { mapPreview?: React.ReactNode }) {
  const queryClient = useQueryClient();
  const landId = useId();
  // Every import changes what the other pages show.
  const refreshAll = () => void queryClient.invalidateQueries();

  return (
    <div className="admin-page">
      <AdminNav />
      <h1>Amtliche Dateien hochladen</h1>
      <p className="lead">
        Jeder Import gilt ganz oder gar nicht: Enthält die Datei einen Fehler, wird nichts geändert und die
        Meldung nennt Datei, Zeile und Stelle.
      </p>
      <div className="import-grid">
        <ImportCard
          title="Kreisgrenzen für die Karte"
          description={
            <p>
              GeoJSON in WGS84 mit den Eigenschaften <span className="mono">AGS</span> und{' '}
              <span className="mono">GEN</span>, z. B. die Kreisebene des BKG VG250. Ersetzt die Grenzen der
              Länder in der Datei; Kreise anderer Länder werden übersprungen.
            </p>
          }
          submitLabel="Kreisgrenzen hochladen"
          buildRequest={(form): UploadRequest | string => {
            const file = chosenFile(form, 'file');
            if (!file) return 'Bitte eine GeoJSON-Datei mit Kreisgrenzen auswählen.';
            return { path: '/imports/boundaries', query: { fileName: file.name }, body: file };
          }}
          onImported={refreshAll}
        >
          <FileField
            name="file"
            label="GeoJSON-Datei"
            accept=".geojson,.json,application/geo+json,application/json"
            hint="Bis 64 MB; Koordinaten als Längen-/Breitengrad."
          />
        </ImportCard>

        <ImportCard
          title="Gemeindeverzeichnis (GV100AD)"
          description={
            <p>
              Die Textdatei des Statistischen Bundesamts mit festen Spaltenbreiten. Neue Stände aktualisieren
              Namen und Einwohner; Gebietsänderungen werden zum Stichtag übernommen. Eine Gemeinde unter neuem
              Schlüssel behält ihre Status und ihre Historie, wenn Name oder Nachfolgerliste sie eindeutig
              zuordnen.
            </p>
          }
          submitLabel="Gemeindeverzeichnis hochladen"
          buildRequest={(form): UploadRequest | string => {
            const file = chosenFile(form, 'file');
            if (!file) return 'Bitte die GV100AD-Datei auswählen.';
            const land = String(form.get('land') ?? '').trim();
            if (land && !/^\d{2}$/.test(land))
              return `„${land}“ ist kein Landesschlüssel: zwei Ziffern erwartet, z. B. 06 für Hessen.`;
            return {
              path: '/imports/gv100',
              query: {
                fileName: file.name,
                land: land || undefined,
                replaceDemo: form.get('replaceDemo') ? 'true' : undefined,
                dryRun: form.get('dryRun') ? 'true' : undefined,
              },
              body: file,
            };
          }}
          onImported={refreshAll}
        >
          <FileField
            name="file"
            label="GV100AD-Datei"
            accept=".txt,text/plain"
            hint="z. B. GV100AD_301123.txt"
          />
          <div className="field">
            <label htmlFor={landId}>Nur dieses Land (optional)</label>
            <input
              id={landId}
              name="land"
              inputMode="numeric"
              maxLength={2}
              placeholder="06"
              aria-describedby={`${landId}-hint`}
            />
            <span id={`${landId}-hint`} className="hint">
              Zweistelliger Landesschlüssel; leer lässt alle Länder der Datei zu.
            </span>
          </div>
          <ReplaceDemoField />
          <DryRunField />
        </ImportCard>

        <ImportCard
          title="Data Hub des Bundes"
          description={
            <p>
              Der Export des Dashboards Digitale Verwaltung: JSON-Seiten von{' '}
              <span className="mono">GET /v1/data</span> oder die CSV- bzw. XLSX-Datei je ARS (das Format wird
              am Inhalt erkannt, ebenso Trennzeichen, Kodierung und BOM; ein ARS, den Excel als Zahl ohne
              führende Null gespeichert hat, wird ergänzt). Die Datensätze ändern keinen Status: Die Gemeinden
              gleichen die Abweichungen selbst ab. Nicht zuordenbare Datensätze (unbekannter ARS, unbekannte
              OZG-ID oder LeiKa-Schlüssel) werden gezählt und aufgeführt.
            </p>
          }
          submitLabel="Data-Hub-Export hochladen"
          buildRequest={(form): UploadRequest | string => {
            const file = chosenFile(form, 'file');
            if (!file) return 'Bitte eine Datei des Data Hub (JSON, CSV oder XLSX) auswählen.';
            return { path: '/imports/datahub', query: { fileName: file.name }, body: file };
          }}
          onImported={refreshAll}
        >
          <FileField
            name="file"
            label="Data-Hub-Datei (JSON, CSV oder XLSX)"
            accept=".json,.csv,.xlsx,application/json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            hint="z. B. datahub-seite-0.json, 064350901901.csv oder 064350901901.xlsx"
          />
        </ImportCard>

        <ImportCard
          title="Nachfolgerliste"
          description={
            <p>
              Gebiets- und Schlüsseländerungen als CSV (
              <span className="mono">old_ags,new_ags,date,kind</span>; Art: Schlüsseländerung,
              Zusammenschluss, Eingliederung oder Aufteilung). Vor dem Gemeindeverzeichnis laden, das die
              Änderung enthält. Bei Zusammenschluss und Aufteilung gilt je Leistung der höchste Reifegrad der
              Vorgänger; deren Datensätze bleiben erhalten.
            </p>
          }
          submitLabel="Nachfolgerliste hochladen"
          buildRequest={(form): UploadRequest | string => {
            const file = chosenFile(form, 'file');
            if (!file) return 'Bitte die Nachfolgerliste (CSV) auswählen.';
            return { path: '/imports/successors', query: { fileName: file.name }, body: file };
          }}
          onImported={refreshAll}
        >
          <FileField
            name="file"
            label="Nachfolgerliste (CSV)"
            accept=".csv,text/csv"
            hint="z. B. aenderungen.csv"
          />
        </ImportCard>

        <ImportCard
          title="Nutzungszahlen"
          description={
            <p>
              Monatliche Antragszahlen je Gemeinde und Leistung als CSV, wie eine zentrale Statistikkomponente
              oder ein Formularsystem sie ausgibt (
              <span className="mono">ARS oder AGS;OZG-ID oder LeiKa-Schlüssel;Monat;Anträge</span>, optional{' '}
              <span className="mono">Abgeschlossen;Abgebrochen</span>; Monat als JJJJ-MM). Ganz oder gar
              nicht; erneut geladene Monate ersetzen die alten Zahlen derselben Gemeinde und Leistung.
            </p>
          }
          submitLabel="Nutzungszahlen hochladen"
          buildRequest={(form): UploadRequest | string => {
            const file = chosenFile(form, 'file');
            if (!file) return 'Bitte eine CSV-Datei mit Nutzungszahlen auswählen.';
            return { path: '/imports/usage', query: { fileName: file.name }, body: file };
          }}
          onImported={refreshAll}
        >
          <FileField
            name="file"
            label="Nutzungszahlen (CSV)"
            accept=".csv,text/csv"
            hint="z. B. nutzung-2026-10.csv (pnpm ozg demo usage-csv schreibt eine Beispieldatei)"
          />
        </ImportCard>

        <ImportCard
          title="Reifegradmodell (Definition)"
          description={
            <p>
              Eine überarbeitete Definition des Reifegradmodells 1.1 oder 2.0 als JSON oder CSV (
              <span className="mono">art;schluessel;name;block;stufe;text</span>). Sie wird als neue Version
              geladen, ganz oder gar nicht; bestehende Bewertungen behalten ihre Version. Die Methodik-Seite
              zeigt die aktuelle Fassung.
            </p>
          }
          submitLabel="Definition hochladen"
          buildRequest={(form): UploadRequest | string => {
            const file = chosenFile(form, 'file');
            if (!file) return 'Bitte eine Definition (JSON oder CSV) auswählen.';
            return { path: '/imports/maturity-model', query: { fileName: file.name }, body: file };
          }}
          onImported={refreshAll}
        >
          <FileField
            name="file"
            label="Definition (JSON oder CSV)"
            accept=".json,.csv,application/json,text/csv"
            hint="z. B. reifegradmodell-2.0-hessen.json"
          />
        </ImportCard>

        <ImportCard
          title="OZG-Katalog"
          description={
            <p>
              Zwei CSV-Dateien: die OZG-Leistungen (
              <span className="mono">ozg_id,name,lebenslage,themenfeld</span>) und die LeiKa-Leistungen (
              <span className="mono">leika_key,name,leika_typ,ozg_id</span>).
            </p>
          }
          submitLabel="Katalog hochladen"
          buildRequest={(form): UploadRequest | string => {
            const ozg = chosenFile(form, 'ozg');
            const leika = chosenFile(form, 'leika');
            if (!ozg || !leika)
              return 'Bitte beide CSV-Dateien auswählen: OZG-Leistungen und LeiKa-Leistungen.';
            const body = new FormData();
            body.set('ozg', ozg);
            body.set('leika', leika);
            return {
              path: '/imports/catalog',
              query: { replaceDemo: form.get('replaceDemo') ? 'true' : undefined },
              body,
            };
          }}
          onImported={refreshAll}
        >
          <FileField
            name="ozg"
            label="OZG-Leistungen (CSV)"
            accept=".csv,text/csv"
            hint="z. B. ozg-leistungen.csv"
          />
          <FileField
            name="leika"
            label="LeiKa-Leistungen (CSV)"
            accept=".csv,text/csv"
            hint="z. B. leika-leistungen.csv"
          />
          <ReplaceDemoField />
        </ImportCard>
      </div>
      {mapPreview ? <div className="admin-map-preview">{mapPreview}</div> : null}
    </div>
  );
}
