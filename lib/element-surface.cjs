// soda-gql's element members for the objects `fizz-gql/runtime` returns — the same as the
// native transform writes (crates/core/src/transform/object_literal.rs, ELEMENT_SURFACE):
// non-enumerable `metadata` (a value, or a callback called once on first read with what
// soda-gql passes it), `attach(attachment | attachments[])` (lazy, non-enumerable members,
// as soda-gql's) and the type-only `$infer`, which throws when read.
"use strict";

/**
 * Adds the element members to `element` and returns it.
 * @template {{ options?: any, variableNames?: string[], document?: unknown }} T
 * @param {T} element
 * @returns {T}
 */
function withElementSurface(element) {
  return Object.defineProperties(element, {
    metadata: {
      configurable: true,
      get() {
        const m = this.options == null ? undefined : this.options.metadata;
        const $ = Object.fromEntries((this.variableNames || []).map((/** @type {string} */ n) => [n, { kind: "variable", name: n }]));
        const $var = {
          getName: (/** @type {any} */ r) => r && r.name,
          getValue: (/** @type {any} */ r) => r && r.value,
          getInner: (/** @type {any} */ r) => r,
        };
        // The runtime does not know which fragment objects an element spreads: no aggregation.
        const value = typeof m === "function" ? m({ $, document: this.document, $var, fragmentMetadata: [] }) : m;
        Object.defineProperty(this, "metadata", { value, configurable: true });
        return value;
      },
    },
    attach: {
      configurable: true,
      writable: true,
      /** @param {{ name: string, createValue: (element: any) => unknown } | Array<{ name: string, createValue: (element: any) => unknown }>} attachments */
      value(attachments) {
        for (const x of [attachments].flat()) {
          let made = false;
          /** @type {unknown} */
          let value;
          Object.defineProperty(this, x.name, {
            get: () => (made ? value : ((made = true), (value = x.createValue(this)))),
            configurable: true,
          });
        }
        return this;
      },
    },
    $infer: {
      configurable: true,
      get() {
        throw new Error("This property is only for type meta. Do not access this property directly.");
      },
    },
  });
}

exports.withElementSurface = withElementSurface;
