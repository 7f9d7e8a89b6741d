// Radio buttons and checkboxes as the forms draw them: each a `label.choice` around its input, the
// group's fieldset and legend left to the form (which marks it invalid, or adds its error).
import type { ComponentChildren } from 'preact';

/** A group of options named `name`, each drawn with its words. */
interface OptionsProps<T extends string> {
  name: string;
  options: readonly T[];
  labelOf: (option: T) => ComponentChildren;
}

/** One of `options`, as radio buttons. */
export function RadioOptions<T extends string>({
  value,
  onChange,
  ...group
}: OptionsProps<T> & {
  /** '' while none is chosen. */
  value: T | '';
  onChange: (value: T) => void;
}) {
  return (
    <Options
      type="radio"
      {...group}
      isChecked={(option) => option === value}
      onTick={(option) => onChange(option)}
    />
  );
}

/** Any of `options`, as checkboxes; one ticked takes its place in the order of `options`. */
export function CheckboxOptions<T extends string>({
  value,
  onChange,
  ...group
}: OptionsProps<T> & { value: readonly T[]; onChange: (value: T[]) => void }) {
  return (
    <Options
      type="checkbox"
      {...group}
      isChecked={(option) => value.includes(option)}
      onTick={(option, checked) =>
        onChange(
          checked
            ? group.options.filter((o) => o === option || value.includes(o))
            : value.filter((o) => o !== option),
        )
      }
    />
  );
}

function Options<T extends string>({
  type,
  name,
  options,
  labelOf,
  isChecked,
  onTick,
}: OptionsProps<T> & {
  type: 'radio' | 'checkbox';
  isChecked: (option: T) => boolean;
  onTick: (option: T, checked: boolean) => void;
}) {
  return (
    <>
      {options.map((option) => (
        <label class="choice" key={option}>
          <input
            type={type}
            name={name}
            value={option}
            checked={isChecked(option)}
            onChange={(e) => onTick(option, e.currentTarget.checked)}
          />
          {labelOf(option)}
        </label>
      ))}
    </>
  );
}

/** A single yes-or-no checkbox. */
export function Checkbox({
  name,
  label,
  checked,
  onChange,
}: {
  name: string;
  label: ComponentChildren;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label class="choice">
      <input
        type="checkbox"
        name={name}
        checked={checked}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      {label}
    </label>
  );
}
