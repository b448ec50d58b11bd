// Organization tree in the admin: collapsible rows and "cut / paste" moves.
// Replaces django-tree-queries' script, whose strings are English and whose move
// posts straight away: here choosing a destination opens the move form, which asks
// for the date and the decision and goes through workflow.move.
document.addEventListener("DOMContentLoaded", () => {
  "use strict"
  const body = document.querySelector("#result_list tbody")
  const contextElement = document.getElementById("org-tree-context")
  if (!body || !contextElement) return
  const context = JSON.parse(contextElement.textContent)
  const text = context.strings

  // Rows in depth-first order, with their depth, parent and children.
  const rows = []
  const byPk = {}
  const stack = []
  for (const toggle of body.querySelectorAll(".collapse-toggle")) {
    const tr = toggle.closest("tr")
    const depth = +toggle.dataset.treeDepth
    const row = { pk: toggle.dataset.pk, depth, tr, toggle, children: [], parent: null }
    const cut = tr.querySelector(".move-cut")
    row.kind = cut ? cut.dataset.kind : (tr.querySelector(".move-paste") || {}).dataset?.kind
    stack.length = depth
    row.parent = depth > 0 ? stack[depth - 1] || null : null
    if (row.parent) {
      row.parent.children.push(row)
      row.parent.toggle.classList.remove("collapse-hide")
    }
    stack[depth] = row
    tr.dataset.pk = row.pk
    tr.dataset.treeDepth = depth
    rows.push(row)
    byPk[row.pk] = row
  }

  function setCollapsed(row, collapsed) {
    row.toggle.classList.toggle("collapsed", collapsed)
    row.toggle.setAttribute("aria-expanded", collapsed ? "false" : "true")
    row.toggle.title = collapsed ? text.expand : text.collapse
    for (const child of row.children) {
      child.tr.classList.toggle("collapse-hide", collapsed)
      setCollapsed(child, collapsed)
    }
  }
  for (const row of rows) {
    if (row.children.length) setCollapsed(row, row.depth >= context.initiallyCollapseDepth)
    else row.toggle.setAttribute("aria-hidden", "true")
  }
  body.addEventListener("click", (event) => {
    const toggle = event.target.closest(".collapse-toggle")
    if (!toggle) return
    event.preventDefault()
    const row = byPk[toggle.dataset.pk]
    if (row.children.length) setCollapsed(row, !toggle.classList.contains("collapsed"))
  })

  // Moving.
  const status = document.createElement("div")
  status.className = "move-status"
  status.setAttribute("role", "status")
  status.style.display = "none"
  document.body.append(status)
  let moving = null

  function descendants(row, into = new Set()) {
    for (const child of row.children) {
      into.add(child.pk)
      descendants(child, into)
    }
    return into
  }

  function show() {
    for (const tr of body.querySelectorAll(".move-selected, .move-target")) {
      tr.classList.remove("move-selected", "move-target")
    }
    if (!moving) {
      status.style.display = "none"
      document.body.removeAttribute("data-move")
      return
    }
    const row = byPk[moving.pk]
    const allowed = context.allowedParents[moving.kind] || []
    const excluded = descendants(row)
    for (const candidate of rows) {
      if (
        candidate !== row &&
        candidate !== row.parent &&
        !excluded.has(candidate.pk) &&
        allowed.includes(candidate.kind)
      ) {
        candidate.tr.classList.add("move-target")
      }
    }
    row.tr.classList.add("move-selected")
    status.textContent = text.moving.replace("{name}", moving.name) + " "
    const cancel = document.createElement("button")
    cancel.type = "button"
    cancel.className = "cancel-move"
    cancel.textContent = text.cancel
    cancel.addEventListener("click", () => setMoving(null))
    status.append(cancel)
    status.style.display = "block"
    document.body.setAttribute("data-move", "regular")
  }

  function setMoving(value) {
    moving = value
    show()
  }

  document.addEventListener("click", (event) => {
    const cut = event.target.closest(".move-cut")
    if (!cut) return
    const row = byPk[cut.dataset.pk]
    const name = row.tr.querySelector(".box-text").textContent.trim()
    setMoving(moving && moving.pk === cut.dataset.pk ? null : { pk: cut.dataset.pk, kind: cut.dataset.kind, name })
  })

  document.addEventListener("change", (event) => {
    const paste = event.target.closest(".move-paste")
    if (!paste || !paste.value || !moving) return
    const url = context.moveUrl.replace(/\/0\/([^/]*\/)$/, `/${moving.pk}/$1`)
    window.location.href = `${url}?parent=${encodeURIComponent(paste.dataset.pk)}`
  })

  document.body.addEventListener("keyup", (event) => {
    if (event.key === "Escape") setMoving(null)
  })
})
