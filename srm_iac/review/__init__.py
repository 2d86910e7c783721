"""Pull-request review: the summary comment and inline comments on GitHub and GitLab.

``publish`` builds what to post from a report; ``interface`` defines the platform protocol
implemented by ``github`` and ``gitlab``; ``http`` is the REST client (httpx, the ``review``
extra); ``diff`` reads hunks; ``comments`` builds bodies and markers. Only the ``comment``
command uses this package: nothing else in srm-iac talks to the network.
"""
