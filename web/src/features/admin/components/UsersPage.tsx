import { type AdminUser, USER_ROLE_LABELS, USER_ROLES, type UserRole } from '@ozg/shared';
import { type FormEvent, useId, useState } from 'react';
import { Pagination } from '../../../components/Pagination';
import { Empty, ErrorState, Loading } from '../../../components/States';
import { ApiError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { Link } from '../../../lib/navigation';
import { pageSlice } from '../../../lib/pagination';
import { parseRegionKeys, useCreateUser, useUpdateUser, useUsers } from '../api/users';
import '../admin.css';
import { AdminNav } from './AdminNav';

/** Users and the regions they may edit, for the ministry. */
export function UsersPage() {
  const users = useUsers();
  return (
    <div className="admin-page">
      <AdminNav />
      <h1>Benutzer und Gebiete</h1>
      <p className="lead">
        Konten der Rolle „{USER_ROLE_LABELS.officer}“ bearbeiten die Leistungen ihrer Gebiete: eine Gemeinde
        ihre eigenen, ein Landkreis seine Kreisleistungen. Gesperrte Konten können sich nicht anmelden; ihre
        Sitzungen enden sofort.
      </p>
      <section className="panel" aria-labelledby="users-list">
        <h2 id="users-list">Alle Benutzer</h2>
        {users.isPending ? (
          <Loading label="Die Benutzerliste" />
        ) : users.isError ? (
          <ErrorState error={users.error} onRetry={() => void users.refetch()} />
        ) : users.data.items.length === 0 ? (
          <Empty>Es gibt noch keine Benutzer.</Empty>
        ) : (
          <UsersTable users={users.data.items} />
        )}
      </section>
      <NewUserForm />
    </div>
  );
}

/** Rows per page: a Land's municipalities bring hundreds of accounts. */
const USERS_PAGE_SIZE = 25;

function UsersTable({ users: all }: { users: AdminUser[] }) {
  const [editing, setEditing] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const { rows: users, page: current } = pageSlice(all, page, USERS_PAGE_SIZE);
  return (
    <>
      <div className="table-scroll">
        <table className="data-table users-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">E-Mail</th>
              <th scope="col">Rolle</th>
              <th scope="col">Gebiete</th>
              <th scope="col">Letzte Anmeldung</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Aktionen</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) =>
              editing === user.id ? (
                <EditUserRow key={user.id} user={user} onDone={() => setEditing(null)} />
              ) : (
                <tr key={user.id}>
                  <th scope="row">{user.displayName}</th>
                  <td>{user.email}</td>
                  <td>{USER_ROLE_LABELS[user.role]}</td>
                  <td>
                    {user.regions.length
                      ? user.regions.map((region) => `${region.name} (${region.ags})`).join(', ')
                      : '–'}
                  </td>
                  <td>{user.lastLoginAt ? formatDate(user.lastLoginAt) : 'noch nie'}</td>
                  <td>{user.active ? 'aktiv' : 'gesperrt'}</td>
                  <td>
                    <Link
                      to={`/verwaltung/protokoll?benutzer=${user.id}`}
                      className="button button-small button-quiet"
                      aria-label={`Änderungen von ${user.displayName}`}
                    >
                      Änderungen
                    </Link>{' '}
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => setEditing(user.id)}
                      aria-label={`${user.displayName} bearbeiten`}
                    >
                      Bearbeiten
                    </button>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      <Pagination
        page={current}
        pageSize={USERS_PAGE_SIZE}
        total={all.length}
        what="Benutzer"
        label="Seiten der Benutzerliste"
        onPage={setPage}
      />
    </>
  );
}

function EditUserRow({ user, onDone }: { user: AdminUser; onDone: () => void }) {
  const id = useId();
  const update = useUpdateUser();
  const [role, setRole] = useState<UserRole>(user.role);
  const [regions, setRegions] = useState(user.regions.map((region) => region.ags).join(', '));
  const [active, setActive] = useState(user.active);
  const save = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { id: user.id, change: { role, regions: parseRegionKeys(regions), active } },
      { onSuccess: onDone },
    );
  };
  return (
    <tr className="editing-row">
      <th scope="row">{user.displayName}</th>
      <td>{user.email}</td>
      <td>
        <label className="visually-hidden" htmlFor={`${id}-role`}>
          Rolle von {user.displayName}
        </label>
        <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value as UserRole)}>
          {USER_ROLES.map((candidate) => (
            <option key={candidate} value={candidate}>
              {USER_ROLE_LABELS[candidate]}
            </option>
          ))}
        </select>
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`${id}-regions`}>
          Gebiete von {user.displayName} (AGS, durch Komma getrennt)
        </label>
        <input id={`${id}-regions`} value={regions} onChange={(event) => setRegions(event.target.value)} />
      </td>
      <td>{user.lastLoginAt ? formatDate(user.lastLoginAt) : 'noch nie'}</td>
      <td>
        <label className="inline-check">
          <input type="checkbox" checked={active} onChange={(event) => setActive(event.target.checked)} />{' '}
          aktiv
        </label>
      </td>
      <td>
        <form className="row-actions" onSubmit={save}>
          <button type="submit" className="button button-primary button-small" disabled={update.isPending}>
            Speichern
          </button>
          <button type="button" className="button button-small" onClick={onDone}>
            Abbrechen
          </button>
        </form>
        {update.isError ? (
          <p className="form-error" role="alert">
            {update.error instanceof ApiError ? update.error.message : 'Speichern fehlgeschlagen.'}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

function NewUserForm() {
  const id = useId();
  const create = useCreateUser();
  const [role, setRole] = useState<UserRole>('officer');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const target = event.currentTarget;
    const displayName = String(form.get('displayName') ?? '').trim();
    create.mutate(
      {
        email: String(form.get('email') ?? ''),
        ...(displayName ? { displayName } : {}),
        role,
        regions: parseRegionKeys(String(form.get('regions') ?? '')),
        password: String(form.get('password') ?? ''),
      },
      { onSuccess: () => target.reset() },
    );
  };
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Benutzer anlegen</h2>
      <form className="form form-wide" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-email`}>E-Mail-Adresse</label>
          <input id={`${id}-email`} name="email" type="email" autoComplete="off" required />
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>Name (optional)</label>
          <input id={`${id}-name`} name="displayName" autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>Rolle</label>
          <select
            id={`${id}-role`}
            value={role}
            onChange={(event) => setRole(event.target.value as UserRole)}
          >
            {USER_ROLES.map((candidate) => (
              <option key={candidate} value={candidate}>
                {USER_ROLE_LABELS[candidate]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-regions`}>Gebiete (AGS)</label>
          <input
            id={`${id}-regions`}
            name="regions"
            aria-describedby={`${id}-regions-hint`}
            placeholder="06435014"
          />
          <span id={`${id}-regions-hint`} className="hint">
            Gemeinden (8 Ziffern) oder Kreise (5 Ziffern), durch Komma getrennt; nötig für die Rolle „
            {USER_ROLE_LABELS.officer}“.
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>Passwort</label>
          <input
            id={`${id}-password`}
            name="password"
            type="password"
            autoComplete="new-password"
            aria-describedby={`${id}-password-hint`}
          />
          <span id={`${id}-password-hint`} className="hint">
            Mindestens 12 Zeichen. Teilen Sie es der Person auf sicherem Weg mit.
          </span>
        </div>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? 'Wird angelegt …' : 'Benutzer anlegen'}
        </button>
        {create.isError ? (
          <p className="form-error" role="alert">
            {create.error instanceof ApiError ? create.error.message : 'Anlegen fehlgeschlagen.'}
          </p>
        ) : null}
        {create.isSuccess ? (
          <p className="import-success" role="status">
            {create.data.email} ist angelegt ({USER_ROLE_LABELS[create.data.role]}).
          </p>
        ) : null}
      </form>
    </section>
  );
}
