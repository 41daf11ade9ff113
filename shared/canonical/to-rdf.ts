/**
 * Expanded JSON-LD (as produced by `expandSubset`) to an RDF dataset in the shape
 * rdf-canonize takes, equal as a set of quads to jsonld.js `toRDF` (`lib/toRdf.js` over
 * `lib/nodeMap.js`): nodes merged by id, duplicate statements dropped, graph objects
 * (`@container: @graph`, e.g. `proof` and `verifiableCredential`) named by a blank node,
 * `@list` as rdf:first/rdf:rest, literals in jsonld.js's canonical lexical forms.
 * Blank node labels differ from jsonld.js's; RDFC-1.0 relabels them anyway.
 */
import { Unsupported } from './context.js';
import type { Expanded } from './expand.js';

export interface Term { termType: 'NamedNode' | 'BlankNode' | 'Literal' | 'DefaultGraph'; value: string; datatype?: { termType: 'NamedNode'; value: string }; language?: string }
export interface Quad { subject: Term; predicate: Term; object: Term; graph: Term }

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RDF_TYPE = `${RDF}type`;
const RDF_FIRST = `${RDF}first`;
const RDF_REST = `${RDF}rest`;
const RDF_NIL = `${RDF}nil`;
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const XSD_BOOLEAN = `${XSD}boolean`;
const XSD_DOUBLE = `${XSD}double`;
const XSD_INTEGER = `${XSD}integer`;
const XSD_STRING = `${XSD}string`;
const DEFAULT_GRAPH: Term = { termType: 'DefaultGraph', value: '' };

class Builder {
  readonly quads: Quad[] = [];
  private blank = 0;

  newBlank(): Term {
    return { termType: 'BlankNode', value: `b${this.blank++}` };
  }

  add(subject: Term, predicate: string, object: Term, graph: Term): void {
    this.quads.push({ subject, predicate: { termType: 'NamedNode', value: predicate }, object, graph });
  }

  /**
   * The node map keeps each (subject, property, value) once per graph. Duplicates can only
   * come from a named node written twice in one graph or from repeated values of one
   * property; only then is the (costlier) full deduplication run.
   */
  needsDedupe = false;
  private readonly namedSubjects = new Set<string>();

  dedupe(): Quad[] {
    if (!this.needsDedupe) return this.quads;
    const seen = new Set<string>();
    return this.quads.filter((q) => {
      if (q.predicate.value === RDF_FIRST || q.predicate.value === RDF_REST) return true;
      const key = `${q.graph.value}\u0000${q.subject.termType[0]}${q.subject.value}\u0000${q.predicate.value}\u0000${termKey(q.object)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /** Writes a node object's statements into `graph`; returns the node's term. */
  node(node: Expanded, graph: Term): Term {
    const id = node['@id'];
    let subject: Term;
    if (typeof id === 'string') {
      subject = { termType: 'NamedNode', value: id };
      const key = `${graph.value}\u0000${id}`;
      if (this.namedSubjects.has(key)) this.needsDedupe = true;
      else this.namedSubjects.add(key);
    } else {
      subject = this.newBlank();
    }
    for (const key of Object.keys(node)) {
      if (key === '@id') continue;
      const values = node[key] as unknown[];
      if (key === '@type') {
        if (values.length > 1 && new Set(values).size !== values.length) this.needsDedupe = true;
        for (const t of values) this.add(subject, RDF_TYPE, { termType: 'NamedNode', value: t as string }, graph);
        continue;
      }
      if (key.startsWith('@')) throw new Unsupported(`keyword ${key} in expanded node`);
      const objects = values.map((item) => this.object(item, graph));
      if (objects.length > 1 && new Set(objects.map(termKey)).size !== objects.length) this.needsDedupe = true;
      for (const o of objects) this.add(subject, key, o, graph);
    }
    return subject;
  }

  object(item: unknown, graph: Term): Term {
    const o = item as Record<string, unknown>;
    if ('@value' in o) return literal(o['@value'], o['@type'] as string | undefined);
    if ('@list' in o) return this.list(o['@list'] as unknown[], graph);
    if ('@graph' in o) {
      const name = this.newBlank();
      for (const n of o['@graph'] as Expanded[]) this.node(n, name);
      return name;
    }
    const keys = Object.keys(o);
    if (keys.length === 1 && typeof o['@id'] === 'string') return { termType: 'NamedNode', value: o['@id'] };
    return this.node(o, graph);
  }

  list(items: unknown[], graph: Term): Term {
    if (items.length === 0) return { termType: 'NamedNode', value: RDF_NIL };
    const head = this.newBlank();
    let subject = head;
    items.forEach((item, i) => {
      const object = this.object(item, graph);
      // List cells are fresh blank nodes: never deduplicated.
      this.quads.push({ subject, predicate: { termType: 'NamedNode', value: RDF_FIRST }, object, graph });
      const next = i === items.length - 1 ? { termType: 'NamedNode' as const, value: RDF_NIL } : this.newBlank();
      this.quads.push({ subject, predicate: { termType: 'NamedNode', value: RDF_REST }, object: next, graph });
      subject = next;
    });
    return head;
  }
}

function termKey(t: Term): string {
  return `${t.termType[0]}${t.value}\u0000${t.datatype?.value ?? ''}`;
}

function isDouble(v: number): boolean {
  return String(v).indexOf('.') !== -1 || Math.abs(v) >= 1e21;
}

/** jsonld.js `_objectToRDF` for value objects (no @language / @direction in the subset). */
function literal(raw: unknown, datatype: string | undefined): Term {
  let value = raw;
  if (typeof value === 'boolean') return lit(String(value), datatype ?? XSD_BOOLEAN);
  if ((typeof value === 'number' && isDouble(value)) || datatype === XSD_DOUBLE) {
    if (!(typeof value === 'number' && isDouble(value))) value = parseFloat(value as string);
    const s = (value as number).toExponential(15).replace(/(\d)0*e\+?/, '$1E');
    return lit(s, datatype ?? XSD_DOUBLE);
  }
  if (typeof value === 'number') return lit(value.toFixed(0), datatype ?? XSD_INTEGER);
  if (typeof value !== 'string') throw new Unsupported('non-scalar literal');
  return lit(value, datatype ?? XSD_STRING);
}

function lit(value: string, datatype: string): Term {
  return { termType: 'Literal', value, datatype: { termType: 'NamedNode', value: datatype } };
}

/** The RDF dataset of an expanded document (top-level nodes in the default graph). */
export function toDataset(expanded: Expanded[]): Quad[] {
  const b = new Builder();
  for (const node of expanded) b.node(node, DEFAULT_GRAPH);
  return b.dedupe();
}
