using System;
using System.Diagnostics.CodeAnalysis;
using System.Net.Http;
using System.Threading;
using BmsGen.Runtime.Authentication;
using BmsGen.Runtime.Diagnostics;
using BmsGen.Runtime.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BmsGen.Runtime.DependencyInjection;

/// <summary>Registers generated clients as typed clients of <c>IHttpClientFactory</c>, with the BmsGen pipeline.</summary>
public static class BmsGenServiceCollectionExtensions
{
    /// <summary>The named HttpClient that sends IAM token requests.</summary>
    public const string IamHttpClientName = "BmsGen.Iam";

    /// <summary>
    /// Registers <typeparamref name="TClient"/> (any client with a <c>(HttpClient, BmsGenClientOptions)</c> constructor)
    /// with the pipeline: diagnostics, resilience, response buffering, authentication. Handlers added to the returned
    /// builder run after authentication, closest to the network.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the region or endpoint, credentials, resilience and client options.</param>
    /// <param name="create">Constructs the client; when null, its <c>(HttpClient, BmsGenClientOptions)</c> constructor is bound once, at registration.</param>
    public static IHttpClientBuilder AddBmsGenClient<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TClient>(
        this IServiceCollection services, Action<BmsGenConnectionOptions> configure, Func<HttpClient, BmsGenClientOptions, TClient>? create = null)
        where TClient : class =>
        AddCore<TClient, TClient>(services, configure, create);

    /// <summary>As <see cref="AddBmsGenClient{TClient}(IServiceCollection, Action{BmsGenConnectionOptions}, Func{HttpClient, BmsGenClientOptions, TClient}?)"/>, with the options read from <paramref name="section"/> (<see cref="BmsGenConnectionOptions.Read"/>) and then <paramref name="configure"/>.</summary>
    public static IHttpClientBuilder AddBmsGenClient<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TClient>(
        this IServiceCollection services, IConfiguration section, Action<BmsGenConnectionOptions>? configure = null, Func<HttpClient, BmsGenClientOptions, TClient>? create = null)
        where TClient : class =>
        AddCore<TClient, TClient>(services, FromConfiguration(section, configure), create);

    /// <summary>Registers <typeparamref name="TClient"/> as <typeparamref name="TInterface"/> (for example <c>IBmsClient</c>), so callers can depend on the interface and mock it.</summary>
    public static IHttpClientBuilder AddBmsGenClient<TInterface, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TClient>(
        this IServiceCollection services, Action<BmsGenConnectionOptions> configure, Func<HttpClient, BmsGenClientOptions, TClient>? create = null)
        where TInterface : class
        where TClient : class, TInterface =>
        AddCore<TInterface, TClient>(services, configure, create);

    /// <summary>Registers <typeparamref name="TClient"/> as <typeparamref name="TInterface"/>, with the options read from <paramref name="section"/> and then <paramref name="configure"/>.</summary>
    public static IHttpClientBuilder AddBmsGenClient<TInterface, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TClient>(
        this IServiceCollection services, IConfiguration section, Action<BmsGenConnectionOptions>? configure = null, Func<HttpClient, BmsGenClientOptions, TClient>? create = null)
        where TInterface : class
        where TClient : class, TInterface =>
        AddCore<TInterface, TClient>(services, FromConfiguration(section, configure), create);

    private static Action<BmsGenConnectionOptions> FromConfiguration(IConfiguration section, Action<BmsGenConnectionOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(section);
        return options =>
        {
            options.Read(section);
            configure?.Invoke(options);
        };
    }

    private static IHttpClientBuilder AddCore<TInterface, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TClient>(
        IServiceCollection services, Action<BmsGenConnectionOptions> configure, Func<HttpClient, BmsGenClientOptions, TClient>? create)
        where TInterface : class
        where TClient : class, TInterface
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        string name = typeof(TClient).Name;
        services.AddOptions<BmsGenConnectionOptions>(name).Configure(configure).PostConfigure(static options =>
        {
            // No credentials from code or configuration: take them from HUAWEICLOUD_SDK_AK/SK/SECURITY_TOKEN/PROJECT_ID.
            if (options.Credentials.Method == BmsGenAuthenticationMethod.None && options.EnvironmentVariables is { } variables)
            {
                options.Credentials.ReadEnvironment(variables);
            }
        });
        services.AddHttpClient(IamHttpClientName);
        services.AddKeyedSingleton(name, static (provider, key) => new TokenCache(provider, (string)key!));

        if (create is null)
        {
            ObjectFactory<TClient> factory = ActivatorUtilities.CreateFactory<TClient>(new[] { typeof(HttpClient), typeof(BmsGenClientOptions) });
            create = (http, options) => factory(EmptyServices.Instance, new object[] { http, options });
        }

        IHttpClientBuilder builder = services.AddHttpClient<TInterface, TClient>(name, (http, provider) =>
            create(http, Options(provider, name).CreateClientOptions()));
        builder.ConfigureHttpClient((provider, http) =>
        {
            http.BaseAddress = Options(provider, name).RequireEndpoint();
            // BmsGenClientOptions.Timeout bounds each call, the response body included.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        builder.AddHttpMessageHandler(provider => new BmsGenDiagnosticsHandler(provider.GetService<ILoggerFactory>()?.CreateLogger(BmsGenDiagnostics.Name)));
        builder.AddResilienceHandler("BmsGen", (pipeline, context) =>
        {
            BmsGenConnectionOptions options = context.GetOptions<BmsGenConnectionOptions>(name);
            if (options.EnableResilience)
            {
                IDisposable? limiter = pipeline.AddBmsGenStrategies(options.Resilience, options.Client.TimeProvider);
                context.OnPipelineDisposed(() => limiter?.Dispose());
            }
        });
        builder.AddHttpMessageHandler(provider => new ResponseBufferingHandler { MaxBufferedBytes = Options(provider, name).Client.MaxResponseBytes });
        builder.AddHttpMessageHandler(provider => provider.GetRequiredKeyedService<TokenCache>(name).CreateHandler());
        return builder;
    }

    private static BmsGenConnectionOptions Options(IServiceProvider provider, string name) =>
        provider.GetRequiredService<IOptionsMonitor<BmsGenConnectionOptions>>().Get(name);

    /// <summary>
    /// Per client: the IAM token provider outlives the handlers (which the factory recycles every few minutes), so
    /// a token is requested once and kept until it is due for renewal.
    /// </summary>
    private sealed class TokenCache(IServiceProvider provider, string name) : IDisposable
    {
        private IamTokenProvider? _tokens;

        public DelegatingHandler CreateHandler()
        {
            BmsGenConnectionOptions options = Options(provider, name);
            BmsGenCredentialOptions credentials = options.Credentials;
            if (credentials.Method != BmsGenAuthenticationMethod.IamPassword)
            {
                return (DelegatingHandler?)credentials.CreateHandler(() => null, () => throw new InvalidOperationException("IAM is not used."), options.Client.TimeProvider)
                    ?? (DelegatingHandler)new BmsGenPipeline.PassThroughHandler();
            }

            IamTokenProvider tokens = LazyInitializer.EnsureInitialized(ref _tokens, () => credentials.CreateTokenProvider(
                options.EndpointFor("iam"),
                () => provider.GetRequiredService<IHttpClientFactory>().CreateClient(IamHttpClientName),
                options.Client.TimeProvider));
            return new IamTokenHandler(tokens) { ProjectId = credentials.ProjectId };
        }

        public void Dispose() => _tokens?.Dispose();
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
