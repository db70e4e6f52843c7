# North Star content (candidates, checklist scores, adopted North Stars) arrives
# with the candidates issue; the app exists now so the layout is stable.
