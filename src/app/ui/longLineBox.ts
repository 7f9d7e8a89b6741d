// A box for one long line of text (an address such as 中山市东区竹苑北街64号12栋402房, a volunteer
// team's name): longer than a phone's one-line box in large text, and a worker checking it must see
// it whole, so it is a text area that grows with its text. It stays one line of data: a line break
// typed or pasted becomes a space. Spread onto a <textarea> inside its <label>.
export function longLineBox(value: string, onValue: (value: string) => void) {
  return {
    class: 'long-line',
    rows: 1,
    value,
    onInput: (e: { currentTarget: HTMLTextAreaElement }) =>
      onValue(e.currentTarget.value.replace(/\s*[\r\n]+\s*/g, ' ')),
  };
}
