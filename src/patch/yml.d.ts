// Built-in patch sets are bundled as text (esbuild loader `.yml: text`, a vite plugin in tests).
declare module '*.yml' {
  const text: string;
  export default text;
}
