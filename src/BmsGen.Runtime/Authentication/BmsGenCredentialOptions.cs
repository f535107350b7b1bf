using System;
using System.Net.Http;
using Microsoft.Extensions.Configuration;

namespace BmsGen.Runtime.Authentication;

/// <summary>
/// The credentials a client authenticates with, set in code, read from configuration (<see cref="Read"/>) or from the
/// environment (<see cref="FromEnvironment"/>): an access key pair (AK/SK, optionally temporary with a security
/// token) or an IAM user's password. <see cref="ToString"/> never shows the secret key, security token or password.
/// </summary>
public sealed class BmsGenCredentialOptions
{
    /// <summary>Environment variable of the access key ID.</summary>
    public const string AccessKeyVariable = "HUAWEICLOUD_SDK_AK";

    /// <summary>Environment variable of the secret access key.</summary>
    public const string SecretKeyVariable = "HUAWEICLOUD_SDK_SK";

    /// <summary>Environment variable of the security token of temporary credentials.</summary>
    public const string SecurityTokenVariable = "HUAWEICLOUD_SDK_SECURITY_TOKEN";

    /// <summary>Environment variable of the project ID.</summary>
    public const string ProjectIdVariable = "HUAWEICLOUD_SDK_PROJECT_ID";

    /// <summary>The access key ID (AK).</summary>
    public string? AccessKey { get; set; }

    /// <summary>The secret access key (SK).</summary>
    public string? SecretKey { get; set; }

    /// <summary>The security token of temporary AK/SK credentials.</summary>
    public string? SecurityToken { get; set; }

    /// <summary>The project ID: sent as <c>X-Project-Id</c>, scopes IAM tokens, and fills <c>{project_id}</c> when the client options leave it unset.</summary>
    public string? ProjectId { get; set; }

    /// <summary>The IAM user name, for the password method.</summary>
    public string? UserName { get; set; }

    /// <summary>The IAM user's password, for the password method.</summary>
    public string? Password { get; set; }

    /// <summary>The account (domain) name of the IAM user.</summary>
    public string? DomainName { get; set; }

    /// <summary>Which method these options configure: AK/SK when an access key is set, else IAM password when a user name is set, else none.</summary>
    public BmsGenAuthenticationMethod Method =>
        !string.IsNullOrEmpty(AccessKey) || !string.IsNullOrEmpty(SecretKey) ? BmsGenAuthenticationMethod.AccessKey
        : !string.IsNullOrEmpty(UserName) ? BmsGenAuthenticationMethod.IamPassword
        : BmsGenAuthenticationMethod.None;

    /// <summary>
    /// Reads the keys <c>AccessKey</c>, <c>SecretKey</c>, <c>SecurityToken</c>, <c>ProjectId</c>, <c>UserName</c>,
    /// <c>Password</c> and <c>DomainName</c> of <paramref name="section"/> over the values already set.
    /// </summary>
    public BmsGenCredentialOptions Read(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        AccessKey = section[nameof(AccessKey)] ?? AccessKey;
        SecretKey = section[nameof(SecretKey)] ?? SecretKey;
        SecurityToken = section[nameof(SecurityToken)] ?? SecurityToken;
        ProjectId = section[nameof(ProjectId)] ?? ProjectId;
        UserName = section[nameof(UserName)] ?? UserName;
        Password = section[nameof(Password)] ?? Password;
        DomainName = section[nameof(DomainName)] ?? DomainName;
        return this;
    }

    /// <summary>
    /// Credentials from <c>HUAWEICLOUD_SDK_AK</c>, <c>HUAWEICLOUD_SDK_SK</c>, <c>HUAWEICLOUD_SDK_SECURITY_TOKEN</c> and
    /// <c>HUAWEICLOUD_SDK_PROJECT_ID</c>; unset variables leave their properties null.
    /// </summary>
    public static BmsGenCredentialOptions FromEnvironment() => new BmsGenCredentialOptions().ReadEnvironment(Environment.GetEnvironmentVariable);

    /// <summary>Reads the <c>HUAWEICLOUD_SDK_*</c> variables through <paramref name="variable"/> over the values already set.</summary>
    public BmsGenCredentialOptions ReadEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        AccessKey = NullIfEmpty(variable(AccessKeyVariable)) ?? AccessKey;
        SecretKey = NullIfEmpty(variable(SecretKeyVariable)) ?? SecretKey;
        SecurityToken = NullIfEmpty(variable(SecurityTokenVariable)) ?? SecurityToken;
        ProjectId = NullIfEmpty(variable(ProjectIdVariable)) ?? ProjectId;
        return this;
    }

    /// <summary>
    /// The authentication handler for these credentials: <see cref="AkSkSigningHandler"/> or <see cref="IamTokenHandler"/>
    /// (which sends token requests to <paramref name="iamEndpoint"/> through <paramref name="iam"/>), or null when none are set.
    /// </summary>
    /// <exception cref="InvalidOperationException">The credentials are incomplete; the message names what is missing.</exception>
    public BmsGenAuthenticationHandler? CreateHandler(Func<Uri?> iamEndpoint, Func<HttpMessageInvoker> iam, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(iamEndpoint);
        ArgumentNullException.ThrowIfNull(iam);
        switch (Method)
        {
            case BmsGenAuthenticationMethod.AccessKey:
                Require(AccessKey, nameof(AccessKey), AccessKeyVariable);
                Require(SecretKey, nameof(SecretKey), SecretKeyVariable);
                return new AkSkSigningHandler(new AkSkCredentials(AccessKey!, SecretKey!, NullIfEmpty(SecurityToken)), timeProvider) { ProjectId = NullIfEmpty(ProjectId) };
            case BmsGenAuthenticationMethod.IamPassword:
                return new IamTokenHandler(CreateTokenProvider(iamEndpoint(), iam, timeProvider)) { ProjectId = ProjectId };
            case BmsGenAuthenticationMethod.None:
                return null;
            default:
                throw new InvalidOperationException($"Unknown authentication method {Method}.");
        }
    }

    /// <summary>The IAM token provider of password credentials, which requests tokens from <paramref name="iamEndpoint"/> through <paramref name="iam"/>.</summary>
    /// <exception cref="InvalidOperationException">The password credentials are incomplete or there is no IAM endpoint.</exception>
    public IamTokenProvider CreateTokenProvider(Uri? iamEndpoint, Func<HttpMessageInvoker> iam, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(iam);
        Require(UserName, nameof(UserName), null);
        Require(Password, nameof(Password), null);
        Require(DomainName, nameof(DomainName), null);
        Require(ProjectId, nameof(ProjectId), ProjectIdVariable);
        Uri endpoint = iamEndpoint ?? throw new InvalidOperationException(
            "IAM password credentials need the IAM endpoint: set a region or the \"iam\" service endpoint.");
        return new IamTokenProvider(new IamPasswordCredentials(UserName!, Password!, DomainName!, ProjectId!), endpoint, iam, timeProvider);
    }

    /// <summary>Shows which method and which non-secret values are set; secrets show as <c>***</c>.</summary>
    public override string ToString() =>
        $"BmsGenCredentialOptions {{ Method = {Method}, AccessKey = {AccessKey ?? "null"}, SecretKey = {Hidden(SecretKey)}, SecurityToken = {Hidden(SecurityToken)}, " +
        $"ProjectId = {ProjectId ?? "null"}, UserName = {UserName ?? "null"}, Password = {Hidden(Password)}, DomainName = {DomainName ?? "null"} }}";

    private static string Hidden(string? secret) => string.IsNullOrEmpty(secret) ? "null" : "***";

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static void Require(string? value, string property, string? variable)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new InvalidOperationException(
                $"The credentials lack {property}{(variable is null ? string.Empty : $" (or the {variable} environment variable)")}.");
        }
    }
}

/// <summary>How a client authenticates.</summary>
public enum BmsGenAuthenticationMethod
{
    /// <summary>No authentication handler: requests go out as they are (a simulator, or headers set by the caller).</summary>
    None,

    /// <summary>AK/SK request signing (<see cref="AkSkSigningHandler"/>).</summary>
    AccessKey,

    /// <summary>An IAM token obtained with a user's password (<see cref="IamTokenHandler"/>).</summary>
    IamPassword,
}

/// <summary>The public endpoints of Huawei Cloud services by region.</summary>
public static class HuaweiCloudEndpoints
{
    /// <summary>
    /// <c>https://{service}.{region}.myhuaweicloud.com/</c>, for example <c>https://bms.cn-north-4.myhuaweicloud.com/</c>
    /// for <c>("bms", "cn-north-4")</c>; services <c>bms</c>, <c>ecs</c> (also the Nova APIs), <c>ims</c> and <c>iam</c>.
    /// </summary>
    public static Uri For(string service, string region)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(service);
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        return IsLabel(service) && IsLabel(region)
            ? new Uri($"https://{service.ToLowerInvariant()}.{region.ToLowerInvariant()}.myhuaweicloud.com/", UriKind.Absolute)
            : throw new ArgumentException($"'{service}' and '{region}' must be host labels (letters, digits and '-'), such as 'bms' and 'cn-north-4'.", nameof(region));
    }

    private static bool IsLabel(string value) =>
        value.Length <= 63 && !value.StartsWith('-') && !value.EndsWith('-') && value.AsSpan().IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") < 0;
}
