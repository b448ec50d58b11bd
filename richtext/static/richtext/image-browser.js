/* The image browser window: hands the chosen image's address to CKEditor's dialog. */
;(() => {
  const grid = document.querySelector(".image-browser__grid")
  if (!grid) {
    return
  }
  const funcNum = grid.dataset.funcNum
  grid.addEventListener("click", (event) => {
    const button = event.target.closest(".image-browser__pick")
    if (!button || !funcNum || !window.opener || !window.opener.CKEDITOR) {
      return
    }
    window.opener.CKEDITOR.tools.callFunction(Number(funcNum), button.dataset.url)
    window.close()
  })
})()
