/*
 * Sends Django's CSRF token with every CKEditor 4 upload.
 *
 * filetools opens the request at priority 5 and sends it at 999; headers go in between.
 * The token comes from the admin form on the page (it works whatever the CSRF cookie
 * settings are), else from Django's cookie.
 */
/* global CKEDITOR */
;(() => {
  function csrfToken() {
    const field = document.querySelector("input[name=csrfmiddlewaretoken]")
    if (field) {
      return field.value
    }
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/)
    return match ? decodeURIComponent(match[1]) : ""
  }

  CKEDITOR.plugins.add("djangocsrf", {
    init(editor) {
      editor.on(
        "fileUploadRequest",
        (event) => {
          const xhr = event.data.fileLoader.xhr
          xhr.setRequestHeader("X-CSRFToken", csrfToken())
          xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest")
        },
        null,
        null,
        6,
      )
    },
  })
})()
