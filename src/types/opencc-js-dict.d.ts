/** The character dictionaries opencc-js ships as plain modules ("a b|c d" strings), used for character-level conversion. */
declare module 'opencc-js/dict/*' {
  const dictionary: string;
  export default dictionary;
}
