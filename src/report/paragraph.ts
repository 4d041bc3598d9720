/**
 * Prose for mail: greedy wrapping at spaces to a width (80 by default), continuation lines
 * indented, and a word is never cut: an identifier longer than the room left starts a line
 * of its own (and only a word longer than a whole line passes the width).
 */
export function paragraph(text: string, width = 80, indent = '  '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((w) => w !== '')) {
    const lead = lines.length === 0 ? '' : indent;
    if (line === '') line = lead + word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = indent + word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
