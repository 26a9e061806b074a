// The media library's picker, opened by the article editor's « Parcourir… » (django-prose-editor's
// Figure extension): hands the chosen rendition's URL, alternative text and caption back to it.
// Without an editor waiting (no JavaScript, or the page opened on its own) the buttons stay
// hidden and each image's address can be copied from its field.
(function () {
  "use strict";
  const list = document.querySelector("[data-func-num]");
  const editor = window.opener && window.opener.CKEDITOR && window.opener.CKEDITOR.tools;
  if (!list || !list.dataset.funcNum || !editor) {
    return;
  }
  for (const button of list.querySelectorAll("button[data-picker-url]")) {
    button.hidden = false;
    button.addEventListener("click", function () {
      editor.callFunction(Number(list.dataset.funcNum), button.dataset.pickerUrl, {
        id: button.dataset.id,
        alternative_text: button.dataset.alt,
        caption: button.dataset.caption,
      });
      window.close();
    });
  }
})();
