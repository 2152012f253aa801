"""errdocs generator: catalog YAML -> validated model -> linked pages -> Markdown and errors.json."""
