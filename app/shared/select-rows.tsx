/**
 * The column of checkboxes in a list whose rows can be acted on together (the intake queue's
 * bulk actions, the assessment queue's assignment, the acknowledgement batch). Each box posts
 * the row's id as `ids`; `form` ties it to a form outside the table, so that the list works
 * without JavaScript. Each box is labelled by its row's reference for screen readers.
 */

/** The header cell above the checkboxes. */
export function SelectColumnHeader() {
  return (
    <th scope="col">
      <span className="visually-hidden">Select</span>
    </th>
  );
}

export function SelectRowCell({
  id,
  reference,
  form,
  showReference = false,
}: {
  id: string;
  /** What the row is called on screen, e.g. its application reference. */
  reference: string;
  /** The id of the form the box belongs to, when the table is not inside it. */
  form?: string;
  /** Show the reference beside the box, when no other cell of the row does. */
  showReference?: boolean;
}) {
  return (
    <td>
      <div className="choice">
        <input type="checkbox" id={`select-${id}`} name="ids" value={id} form={form} />
        <label htmlFor={`select-${id}`}>
          {showReference ? reference : <span className="visually-hidden">Select {reference}</span>}
        </label>
      </div>
    </td>
  );
}
