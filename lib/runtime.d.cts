// Types of `fizz-gql/runtime` (types.md): the `gql` composer, the element types, and the
// helpers `ResultOf` / `VariablesOf` / `FragmentOf`. The builder writes each definition's
// result and variables type into `types.outDir`; those files fill `FizzRegistry` (and the
// labels into `FizzLabels`) by declaration merging. A name the registry does not hold yet
// (a definition typed a moment ago, or a fresh clone before the first build) is `unknown`,
// never an error.
import type { DocumentNode } from "graphql";

/**
 * One entry per built definition, keyed `<label>:operation:<name>` or
 * `<label>:fragment:<key>`; filled by the generated type files.
 */
export interface FizzRegistry {}

/** The config's schema labels (`label: label`); filled by the generated index. */
export interface FizzLabels {}

/**
 * A graphql-js `DocumentNode` that carries its result and variables types: structurally
 * `TypedDocumentNode` of `@graphql-typed-document-node/core`, so clients infer both.
 */
export interface TypedDocumentNode<
  TResult = { [key: string]: any },
  TVariables = { [key: string]: any },
> extends DocumentNode {
  __apiType?: (variables: TVariables) => TResult;
}

/** The kind of an operation. */
export type OperationType = "query" | "mutation" | "subscription";

/** What soda-gql code passes to `.attach(…)`. */
export interface Attachment<TName extends string = string, TValue = unknown, TElement = unknown> {
  name: TName;
  createValue?: ((element: TElement) => TValue) | undefined;
}

/** The members every element has. */
interface ElementBase<TResult, TVariables, TLabel extends string> {
  schemaLabel: TLabel;
  /** The printed GraphQL text. */
  text: string;
  variableNames: string[];
  /** The OPTIONS argument as written (runtime code, never evaluated by the builder). */
  options: unknown;
  metadata?: unknown;
  /** Type-level only (never present at run time): the definition's result and variables. */
  __fizzTypes?: { result: TResult; variables: TVariables };
  /** Returns the element with the attached members, as soda-gql does. */
  attach<const TName extends string, TValue>(
    attachment: Attachment<TName, TValue, this>,
  ): this & { [K in TName]: TValue };
  attach(attachments: readonly Attachment<string, unknown, unknown>[]): this;
}

/** An operation element: what the transform writes for `query("Name")`…`()`. */
export interface OperationElement<
  TResult = unknown,
  TVariables = unknown,
  TName extends string = string,
  TType extends OperationType = OperationType,
  TLabel extends string = string,
> extends ElementBase<TResult, TVariables, TLabel> {
  kind: "operation";
  operationType: TType;
  operationName: TName;
  document: TypedDocumentNode<TResult, TVariables>;
  /** sha256 of `text`: the persisted-operation id. */
  hash: string;
}

/** A fragment element: what the transform writes for `fragment("Key", "Type")`…`()`. */
export interface FragmentElement<
  TResult = unknown,
  TVariables = unknown,
  TKey extends string = string,
  TTypename extends string = string,
  TLabel extends string = string,
> extends ElementBase<TResult, TVariables, TLabel> {
  kind: "fragment";
  key: TKey;
  typename: TTypename;
  /** soda-gql's spread with variable bindings (read statically by the builder). */
  spread(bindings?: { [variable: string]: unknown }): unknown;
}

type Entry<K extends string> = K extends keyof FizzRegistry
  ? FizzRegistry[K]
  : { result: unknown; variables: unknown };
type EntryResult<E> = E extends { result: infer R } ? R : unknown;
type EntryVariables<E> = E extends { variables: infer V } ? V : unknown;

type TypesOf<T> = T extends { __fizzTypes?: { result: infer R; variables: infer V } }
  ? { result: R; variables: V }
  : T extends { __apiType?: (variables: infer V) => infer R }
    ? { result: R; variables: V }
    : { result: unknown; variables: unknown };

/** The result type of an element, or of an operation's `document`. */
export type ResultOf<T> = TypesOf<T>["result"];
/** The variables type of an element (a fragment's own declared variables), or of a `document`. */
export type VariablesOf<T> = TypesOf<T>["variables"];
/** The data a fragment selects. */
export type FragmentOf<T> = TypesOf<T>["result"];

/** The options-object form (soda-gql): `query("Name")({ variables, fields })`. */
export interface DefinitionOptions {
  variables?: string;
  fields: (tools: any) => unknown;
  metadata?: unknown;
}

/** `query("Name")` and the like: a template tag (or the options-object form), then `(OPTIONS?)`. */
export interface DefinitionTag<TElement> {
  (template: TemplateStringsArray, ...interpolations: unknown[]): (options?: unknown) => TElement;
  (definition: DefinitionOptions): (options?: unknown) => TElement;
}

type Operation<L extends string, N extends string, T extends OperationType> = OperationElement<
  EntryResult<Entry<`${L}:operation:${N}`>>,
  EntryVariables<Entry<`${L}:operation:${N}`>>,
  N,
  T,
  L
>;

/** What a definition's factory receives. */
export interface DefinitionTools<L extends string> {
  query<N extends string>(name: N): DefinitionTag<Operation<L, N, "query">>;
  mutation<N extends string>(name: N): DefinitionTag<Operation<L, N, "mutation">>;
  subscription<N extends string>(name: N): DefinitionTag<Operation<L, N, "subscription">>;
  fragment<K extends string, T extends string>(
    key: K,
    typename: T,
  ): DefinitionTag<
    FragmentElement<
      EntryResult<Entry<`${L}:fragment:${K}`>>,
      EntryVariables<Entry<`${L}:fragment:${K}`>>,
      K,
      T,
      L
    >
  >;
  /** Not an element: left alone by the builder. */
  define<T>(factory: () => T): T;
  /** soda-gql's directive helpers (`$dir.skip({ if: $.x })`), read statically. */
  $dir: { [directive: string]: (args: { [name: string]: unknown }) => unknown };
  /** soda-gql's label-prefixed colocation, read statically. */
  $colocate: (spreads: { [label: string]: unknown }) => unknown;
}

/** `gql.<label>(factory)`: the element the factory's definition builds. */
export type Composer<L extends string> = <TElement>(factory: (tools: DefinitionTools<L>) => TElement) => TElement;

type KnownComposers = { readonly [L in (keyof FizzLabels & string) | "default"]: Composer<L> };

/** The composer: one property per schema label. */
export interface Gql extends KnownComposers {
  readonly [label: string]: Composer<string>;
}

/** The composer (`gql.<schemaLabel>(factory)`), the same objects the transform writes. */
export declare const gql: Gql;
