using JasperFx;
using SocialGen.Api.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddSocialGen();

var app = builder.Build();
app.UseSocialGen();

// RunJasperFxCommands serves the API by default and the CLI (db-apply, projections, grant-role, ...) otherwise.
return await app.RunJasperFxCommands(args);
