"""What every form on the site shares."""


class PlainLabels:
    """Labels as the hand-written forms print them: "Your name", not Django's "Your name:"."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
