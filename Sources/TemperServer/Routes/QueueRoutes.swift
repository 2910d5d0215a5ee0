import Hummingbird

/// The queue: `GET /` (the page), `GET /api/queue` and `GET /api/facets`.
struct QueueRoutes {
    let workspace: Workspace
    let renderer: PageRenderer

    func register(on router: Router<ServerContext>) {
        router.get("/") { request, context in
            let query = try QueueParameters(request.queryForm)
            async let page = workspace.store.queue(query.filter)
            async let facets = workspace.facets()
            let view = QueuePageView(query: query, page: try await page, facets: try await facets,
                                     csrfToken: context.csrfToken, isFirstPage: query.filter.after == nil)
            return Responses.html(renderer.render(view, as: .queue))
        }
        router.get("/api/queue") { request, _ in
            let query = try QueueParameters(request.queryForm)
            return try Responses.json(APIQueuePage(try await workspace.store.queue(query.filter), query: query))
        }
        router.get("/api/facets") { _, _ in
            try Responses.json(APIFacets(try await workspace.facets()))
        }
    }
}
