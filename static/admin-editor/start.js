// Starts the admin's rich-text editors (django-prose-editor's "configurable" preset) without the
// package's import map and without the <style> Tiptap injects, so that the admin needs no inline
// script or style: the editor's module is imported from the address the textarea carries (hashed
// in production), and Tiptap's base rules come from tiptap-base.css.
const SELECTOR = "[data-django-prose-editor-configurable]";

function extensionsOf(prose, config) {
  const extensions = [];
  for (const [name, options] of Object.entries(config.extensions || {})) {
    const extension = prose[name];
    if (extension) {
      extensions.push(typeof options === "object" ? extension.configure(options) : extension);
    }
  }
  return extensions;
}

// As django-prose-editor's createTextareaEditor, with injectCSS: false.
function createEditor(prose, textarea) {
  if (textarea.closest(".prose-editor")) {
    return null;
  }
  const config = JSON.parse(textarea.dataset.djangoProseEditorConfigurable || "{}");
  const disabled = textarea.hasAttribute("disabled");
  const wrapper = prose.crel("div", { className: disabled ? "prose-editor disabled" : "prose-editor" });
  textarea.before(wrapper);
  wrapper.append(textarea);
  const editor = new prose.Editor({
    element: wrapper,
    editable: !disabled,
    extensions: extensionsOf(prose, config),
    content: textarea.value,
    injectCSS: false,
    onUpdate({ editor }) {
      const html = editor.getHTML();
      // An empty paragraph is no text: the field stays empty (and required fields say so).
      textarea.value = /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    },
    onDestroy() {
      wrapper.before(textarea);
      wrapper.remove();
    },
  });
  textarea.dispatchEvent(new CustomEvent("prose-editor:ready", { detail: { editor, textarea }, bubbles: true }));
  return editor;
}

const first = document.querySelector(SELECTOR);
if (first) {
  import(first.dataset.proseEditorModule).then((prose) => {
    prose.initializeEditors((textarea) => createEditor(prose, textarea), SELECTOR);
  });
}
