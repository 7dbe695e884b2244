import {
  type FieldProvenance,
  MATURITY_LEVELS_1_1,
  SOLUTION_KIND_LABELS,
  SOLUTION_KINDS,
  WORKFLOW_STATE_LABELS,
  WORKFLOW_STATES,
} from '@ozg/shared';
import {
  type EditableField,
  FIELD_LABELS,
  maturityLabel,
  provenanceText,
  type StatusDraft,
} from '../status-fields';

type Props = {
  /** Prefix of the input ids, unique on the page. */
  idPrefix: string;
  draft: StatusDraft;
  problems: Partial<Record<string, string>>;
  /** Where each stored value came from (decision 025); shown under the field while it is unchanged. */
  provenance?: Partial<Record<EditableField, FieldProvenance | null>> | undefined;
  /** The stored values, so a source is shown only for the value it set. */
  stored?: StatusDraft | undefined;
  onChange: (field: EditableField, value: string) => void;
};

/** The inputs of one status, labelled, with the rule each one breaks right under it. */
export function StatusFields({ idPrefix, draft, problems, provenance, stored, onChange }: Props) {
  const id = (field: EditableField) => `${idPrefix}-${field}`;
  const source = (field: EditableField) =>
    stored && stored[field] === draft[field] ? provenanceText(provenance?.[field]) : null;
  const described = (field: EditableField) => {
    const ids = [
      problems[field] ? `${id(field)}-problem` : null,
      source(field) ? `${id(field)}-source` : null,
    ].filter(Boolean);
    return {
      ...(problems[field] ? { 'aria-invalid': true } : {}),
      ...(ids.length > 0 ? { 'aria-describedby': ids.join(' ') } : {}),
    };
  };
  const problem = (field: EditableField) => (
    <>
      {problems[field] ? (
        <span id={`${id(field)}-problem`} className="field-problem">
          {problems[field]}
        </span>
      ) : null}
      {source(field) ? (
        <span id={`${id(field)}-source`} className="field-source">
          {source(field)}
        </span>
      ) : null}
    </>
  );
  const textField = (field: EditableField, type: 'text' | 'date' | 'url' = 'text') => (
    <div className={`field field-${field}`}>
      <label htmlFor={id(field)}>{FIELD_LABELS[field]}</label>
      <input
        id={id(field)}
        type={type}
        value={draft[field]}
        onChange={(event) => onChange(field, event.target.value)}
        {...described(field)}
      />
      {problem(field)}
    </div>
  );

  return (
    <div className="field-grid">
      <div className="field">
        <label htmlFor={id('maturityLevel')}>{FIELD_LABELS.maturityLevel}</label>
        <select
          id={id('maturityLevel')}
          value={draft.maturityLevel}
          onChange={(event) => onChange('maturityLevel', event.target.value)}
          {...described('maturityLevel')}
        >
          {MATURITY_LEVELS_1_1.map((level) => (
            <option key={level} value={level}>
              {maturityLabel(level)}
            </option>
          ))}
        </select>
        {problem('maturityLevel')}
      </div>
      <div className="field">
        <label htmlFor={id('workflowState')}>{FIELD_LABELS.workflowState}</label>
        <select
          id={id('workflowState')}
          value={draft.workflowState}
          onChange={(event) => onChange('workflowState', event.target.value)}
          {...described('workflowState')}
        >
          {WORKFLOW_STATES.map((state) => (
            <option key={state} value={state}>
              {WORKFLOW_STATE_LABELS[state]}
            </option>
          ))}
        </select>
        {problem('workflowState')}
      </div>
      <div className="field">
        <label htmlFor={id('solution')}>{FIELD_LABELS.solution}</label>
        <select
          id={id('solution')}
          value={draft.solution}
          onChange={(event) => onChange('solution', event.target.value)}
          {...described('solution')}
        >
          <option value="">keine Angabe</option>
          {SOLUTION_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {SOLUTION_KIND_LABELS[kind]}
            </option>
          ))}
        </select>
        {problem('solution')}
      </div>
      {textField('onlineSince', 'date')}
      {textField('plannedDate', 'date')}
      {textField('url', 'url')}
      {textField('contact')}
      <div className="field field-note">
        <label htmlFor={id('note')}>{FIELD_LABELS.note}</label>
        <textarea
          id={id('note')}
          rows={2}
          value={draft.note}
          onChange={(event) => onChange('note', event.target.value)}
          {...described('note')}
        />
        {problem('note')}
      </div>
    </div>
  );
}
