namespace SocialGen.Api.Infrastructure;

/// <summary>The git-ignored folder where a local run keeps what must survive restarts (the development signing key).</summary>
public sealed record DataDirectory(string Path)
{
    public static DataDirectory From(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["SocialGen:DataDirectory"];
        var path = string.IsNullOrWhiteSpace(configured)
            ? System.IO.Path.Combine(environment.ContentRootPath, ".data")
            : System.IO.Path.GetFullPath(configured);
        Directory.CreateDirectory(path);
        return new DataDirectory(path);
    }
}
