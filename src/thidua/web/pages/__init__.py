"""Page modules of the web app; each exposes `routes: list[Route]`, collected by web.app."""
