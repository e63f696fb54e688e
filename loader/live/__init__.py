"""The live path: the NHL web API (api-web.nhle.com/v1, api.nhle.com/stats/rest)."""
