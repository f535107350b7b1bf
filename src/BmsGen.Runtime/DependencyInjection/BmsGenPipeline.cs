using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using BmsGen.Runtime.Authentication;
using BmsGen.Runtime.Diagnostics;
using BmsGen.Runtime.Resilience;
using Microsoft.Extensions.Logging;

namespace BmsGen.Runtime.DependencyInjection;

/// <summary>
/// Builds the send pipeline without a DI container, from the same handlers <see cref="BmsGenServiceCollectionExtensions.AddBmsGenClient{TClient}(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{BmsGenConnectionOptions}, Func{HttpClient, BmsGenClientOptions, TClient}?)"/>
/// registers, outermost first: diagnostics (logs, span, metrics), resilience (retries, per-attempt timeout, rate
/// limit), response buffering, authentication (AK/SK or IAM token), then the network.
/// </summary>
public static class BmsGenPipeline
{
    /// <summary>
    /// Creates the client <paramref name="create"/> makes (for example <c>(http, options) => new BmsClient(http, options)</c>)
    /// over <see cref="CreateHttpClient"/> and <see cref="BmsGenConnectionOptions.CreateClientOptions"/>.
    /// </summary>
    public static TClient CreateClient<TClient>(BmsGenConnectionOptions options, Func<HttpClient, BmsGenClientOptions, TClient> create,
        ILoggerFactory? loggerFactory = null, HttpMessageHandler? primaryHandler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(create);
        return create(CreateHttpClient(options, loggerFactory, primaryHandler), options.CreateClientOptions());
    }

    /// <summary>
    /// An <see cref="HttpClient"/> whose BaseAddress is the service endpoint and whose handlers are the BmsGen pipeline.
    /// </summary>
    /// <param name="options">Where, as whom and how patiently to connect.</param>
    /// <param name="loggerFactory">Where call logs go; none when null.</param>
    /// <param name="primaryHandler">What sends on the network (also IAM token requests); a new <see cref="SocketsHttpHandler"/> when null.</param>
    /// <exception cref="InvalidOperationException">No endpoint, or incomplete credentials; the message says what to set.</exception>
    public static HttpClient CreateHttpClient(BmsGenConnectionOptions options, ILoggerFactory? loggerFactory = null, HttpMessageHandler? primaryHandler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Uri endpoint = options.RequireEndpoint();
        HttpMessageHandler primary = primaryHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        TimeProvider time = options.Client.TimeProvider;

        HttpMessageHandler inner = primary;
        BmsGenAuthenticationHandler? authentication = options.Credentials.CreateHandler(
            () => options.EndpointFor("iam"), () => new HttpClient(primary, disposeHandler: false), time);
        if (authentication is not null)
        {
            authentication.InnerHandler = inner;
            inner = authentication;
        }

        inner = new ResponseBufferingHandler { MaxBufferedBytes = options.Client.MaxResponseBytes, InnerHandler = inner };
        if (options.EnableResilience)
        {
            DelegatingHandler resilience = BmsGenResilience.CreateHandler(options.Resilience, time);
            resilience.InnerHandler = inner;
            inner = resilience;
        }

        var diagnostics = new BmsGenDiagnosticsHandler(loggerFactory?.CreateLogger(BmsGenDiagnostics.Name)) { InnerHandler = inner };
        return new HttpClient(diagnostics)
        {
            BaseAddress = endpoint,
            // BmsGenClientOptions.Timeout bounds each call, the response body included.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>A handler that only passes requests on: the authentication slot when no credentials are configured.</summary>
    internal sealed class PassThroughHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            base.SendAsync(request, cancellationToken);
    }
}
