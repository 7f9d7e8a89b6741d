// The elder's contacts as a form edits them: the worker's quick edit and the register's form.
import type { Contact } from '../../domain/schemas';
import { useT } from './i18n';

/** The elder's contacts: family, neighbours, the village or community cadre; emergency ones marked. */
export function Contacts({
  contacts,
  onChange,
}: {
  contacts: Contact[];
  onChange: (next: Contact[]) => void;
}) {
  const t = useT();
  const update = (index: number, patch: Partial<Contact>) =>
    onChange(contacts.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  return (
    <fieldset>
      <legend>{t.contacts}</legend>
      {contacts.map((contact, index) => (
        <div class="contact" key={index} data-testid="contact">
          <label>
            {t.contactName}
            <input
              name={`contact-${index}-name`}
              value={contact.name}
              onInput={(e) => update(index, { name: e.currentTarget.value })}
            />
          </label>
          <label>
            {t.contactRelation}
            <input
              name={`contact-${index}-relation`}
              value={contact.relation}
              onInput={(e) => update(index, { relation: e.currentTarget.value })}
            />
          </label>
          <label class="wide">
            {t.contactPhone}
            <input
              name={`contact-${index}-phone`}
              type="tel"
              value={contact.phone}
              onInput={(e) => update(index, { phone: e.currentTarget.value })}
            />
          </label>
          <label class="choice">
            <input
              type="checkbox"
              checked={contact.emergency}
              onChange={(e) => update(index, { emergency: e.currentTarget.checked })}
            />
            {t.emergencyContact}
          </label>
          <button type="button" onClick={() => onChange(contacts.filter((_, i) => i !== index))}>
            {t.remove}
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() => onChange([...contacts, { name: '', relation: '', phone: '', emergency: false }])}
      >
        {t.addContact}
      </button>
    </fieldset>
  );
}
