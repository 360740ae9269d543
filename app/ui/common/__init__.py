"""What the pages share: the page base, the road to the data, forms and their
helpers, charts and small widgets."""
