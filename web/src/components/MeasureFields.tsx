/**
 * Who follows up a measure and by when: the same two fields when a measure is
 * agreed and when it is changed later. `id` prefixes the fields' ids.
 */
export function MeasureFields({
  id,
  owner,
  dueDate,
  onOwnerChange,
  onDueDateChange,
}: {
  id: string;
  owner: string;
  /** YYYY-MM-DD or '' for none. */
  dueDate: string;
  onOwnerChange: (owner: string) => void;
  onDueDateChange: (dueDate: string) => void;
}) {
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-owner`}>Verantwortlich</label>
        <input
          id={`${id}-owner`}
          // The API's limit for the owner's name.
          maxLength={200}
          value={owner}
          onChange={(event) => onOwnerChange(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-due`}>Frist</label>
        <input
          id={`${id}-due`}
          type="date"
          value={dueDate}
          onChange={(event) => onDueDateChange(event.target.value)}
        />
      </div>
    </>
  );
}
