/**
 * One choice of a queue's filter form (a GET form, so it works without JavaScript): a labelled
 * select whose first option means "no filter".
 */
export function FilterSelect({
  name,
  label,
  value,
  any,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  /** The first option's label, e.g. "Any stage". Leave out when a choice is always made. */
  any?: string;
  options: readonly { value: string; label: string }[];
}) {
  const id = `filter-${name}`;
  return (
    <div className="field">
      <label htmlFor={id} className="label">
        {label}
      </label>
      <select id={id} name={name} className="select" defaultValue={value ?? ""}>
        {any !== undefined ? <option value="">{any}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
