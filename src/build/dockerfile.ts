/**
 * What a Dockerfile declares: every `ARG`, in any stage (global or per stage), with its default when it has
 * one, so that the build passes only the build arguments a Dockerfile takes.
 */


/**
 * Every `ARG` a Dockerfile declares, in any stage (global or per stage), with its default when it has one.
 * Handles line continuations (the `escape` parser directive too), comments, several args on one line and
 * quoted defaults.
 */
export function dockerfileArgs(text: string): Map<string, string | undefined> {
  const escape = /^#\s*escape\s*=\s*`/im.test(text.split(/\n(?!\s*#)/)[0] ?? '') ? '`' : '\\';
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+$/, '');
    if (current && /^\s*#/.test(line)) continue; // comments inside a continued instruction
    if (line.endsWith(escape)) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    logical.push(current + line);
    current = '';
  }
  if (current) logical.push(current);

  const args = new Map<string, string | undefined>();
  for (const line of logical) {
    const m = /^\s*ARG\s+(.+)$/i.exec(line);
    if (!m) continue;
    for (const tok of m[1]!.match(/(?:[^\s"']+|"(?:[^"\\]|\\.)*"|'[^']*')+/g) ?? []) {
      const eq = tok.indexOf('=');
      const name = eq < 0 ? tok : tok.slice(0, eq);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
      const value = eq < 0 ? undefined : tok.slice(eq + 1).replace(/^"(.*)"$/s, '$1').replace(/^'(.*)'$/s, '$1');
      if (!args.has(name) || (args.get(name) === undefined && value !== undefined)) args.set(name, value);
    }
  }
  return args;
}
