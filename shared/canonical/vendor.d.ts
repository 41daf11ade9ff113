// Hand-written declaration for rdf-canonize (untyped); only what shared/canonical calls.
declare module 'rdf-canonize' {
  export function canonize(input: unknown, options: { algorithm: 'RDFC-1.0'; format?: 'application/n-quads'; [k: string]: unknown }): Promise<string>;
}
