// Building DOM from untrusted text: always through textContent, never innerHTML.

/**
 * el("p", {class: "lead", dataset: {id: 3}}, "text", childNode, ...)
 * Strings become text nodes; attributes are set with setAttribute (no event handler strings).
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) throw new Error("use addEventListener, not attributes");
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

export const $ = (selector) => document.querySelector(selector);
